using System.Text;
using Erofs.Building.Scanning;
using Erofs.Building.Source;

namespace Erofs.Tests.Building.Scanning;

/// <summary>However many threads list directories, the tree comes out the same.</summary>
public sealed class DirectorySourceDeterminismTests
{
    [Fact]
    public void One_thread_and_many_give_the_same_tree_of_the_dotnet_install()
    {
        // .../dotnet/shared/Microsoft.NETCore.App/<version>/System.Private.CoreLib.dll
        var dotnetRoot = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "../../.."));

        string single = Describe(DirectorySource.Scan(dotnetRoot, new DirectoryScanOptions { MaxParallelism = 1 }));
        string parallel = Describe(DirectorySource.Scan(dotnetRoot, new DirectoryScanOptions { MaxParallelism = 8 }));

        Assert.True(single.Split('\n').Length > 1000, $"{dotnetRoot} should hold over 1000 entries");
        Assert.Equal(single, parallel);
    }

    /// <summary>One line per entry: path, mode, size, mtime, owner, target, xattr names, and which earlier entry it is a hard link of.</summary>
    private static string Describe(SourceNode root)
    {
        var text = new StringBuilder();
        var firstPath = new Dictionary<SourceNode, string>(ReferenceEqualityComparer.Instance);
        void Walk(SourceNode node, string prefix)
        {
            foreach (var entry in node.Children)
            {
                string path = prefix + Convert.ToHexString(entry.Name);
                var n = entry.Node;
                string link = firstPath.TryGetValue(n, out var earlier) ? earlier : "";
                firstPath.TryAdd(n, path);
                text.Append($"{path} {n.Mode:X} {n.Size} {n.MtimeSeconds}.{n.MtimeNanoseconds} {n.Uid}:{n.Gid} ")
                    .Append($"{Convert.ToHexString(n.LinkTarget ?? [])} {string.Join(',', n.Xattrs.Select(x => x.Name).Order(StringComparer.Ordinal))} {link}\n");
                Walk(n, path + "/");
            }
        }
        Walk(root, "");
        return text.ToString();
    }
}
