using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Erofs.Building.Source;
using Erofs.Building.Tar;
using Erofs.Reading;

namespace Erofs.Tests.Building.Tar;

/// <summary>
/// The corpus's real GNU tar archive (tree.tar) read into a tree that matches what the kernel
/// showed of the image mkfs.erofs 1.9.3 built from it (tar-full.manifest.jsonl). Times are not
/// compared: that image was built with -T, which rewrote every mtime.
/// </summary>
public sealed class CorpusTarTests
{
    private static readonly string TarPath = Path.Combine(TestCorpus.Directory, "tree.tar");
    private static readonly string ManifestPath = Path.Combine(TestCorpus.Directory, "tar-full.manifest.jsonl");

    [Fact]
    public void Tree_tar_matches_the_manifest_of_the_image_built_from_it()
    {
        using var tar = TarArchive.Open(TarPath, new TarReadOptions());
        Assert.Equal(TarPath, tar.IndexablePath);
        var tree = Flatten(tar.Root);
        var manifest = File.ReadLines(ManifestPath).Where(l => l.Length > 0).ToList();
        Assert.Equal(manifest.Count, tree.Count);
        foreach (var line in manifest)
        {
            using var json = JsonDocument.Parse(line);
            var expected = json.RootElement;
            var path = expected.GetProperty("path").GetString()!;
            Assert.True(tree.TryGetValue(path, out var node), $"{path}: missing from the tar tree");
            AssertMatches(path, expected, node, tree.Values);
        }
    }

    [Fact]
    public void Tree_tar_contents_are_located_at_their_archive_offsets()
    {
        using var tar = TarArchive.Open(TarPath, new TarReadOptions());
        using var archive = File.OpenHandle(TarPath);
        int checkedFiles = 0;
        foreach (var node in Flatten(tar.Root).Values.Where(n => n.Content is not null).Take(300))
        {
            var content = Assert.IsAssignableFrom<ILocatedContent>(node.Content);
            var run = Assert.Single(content.Locations);
            Assert.Equal((0L, content.Length), (run.LogicalOffset, run.Length));
            Assert.Equal(0, run.ArchiveOffset % 512);
            var fromArchive = new byte[Math.Min(run.Length, 4096)];
            RandomAccess.Read(archive, fromArchive, run.ArchiveOffset);
            var fromContent = new byte[fromArchive.Length];
            using (var reader = content.Open())
                reader.ReadExactly(0, fromContent);
            Assert.Equal(fromArchive, fromContent);
            checkedFiles++;
        }
        Assert.True(checkedFiles > 50);
    }

    private static void AssertMatches(string path, JsonElement expected, SourceNode node, IEnumerable<SourceNode> all)
    {
        uint mode = Convert.ToUInt32(expected.GetProperty("mode").GetString()![2..], 8);
        Assert.True(mode == node.Mode, $"{path}: mode {Convert.ToString(node.Mode, 8)}, expected {Convert.ToString(mode, 8)}");
        Assert.Equal((expected.GetProperty("uid").GetUInt32(), expected.GetProperty("gid").GetUInt32()), (node.Uid, node.Gid));
        uint nlink = node.Kind == FileKind.Directory
            ? 2 + (uint)node.Children.Count(c => c.Node.Kind == FileKind.Directory)
            : (uint)all.Count(n => ReferenceEquals(n, node));
        Assert.True(expected.GetProperty("nlink").GetUInt32() == nlink, $"{path}: nlink {nlink}");
        if (expected.TryGetProperty("size", out var size))
        {
            Assert.Equal(size.GetInt64(), (long)node.Size);
            Assert.True(expected.GetProperty("sha256").GetString() == Sha256(node), $"{path}: content differs");
        }
        if (expected.TryGetProperty("target", out var target))
            Assert.Equal(Encoding.UTF8.GetBytes(target.GetString()!), node.LinkTarget);
        if (expected.TryGetProperty("rdev", out var rdev))
            Assert.Equal((rdev[0].GetUInt32(), rdev[1].GetUInt32()), (node.RdevMajor, node.RdevMinor));
        var xattrs = expected.TryGetProperty("xattrs", out var x)
            ? x.EnumerateObject().Select(p => p.Name + "=" + p.Value.GetString()).Order(StringComparer.Ordinal).ToArray()
            : [];
        Assert.Equal(xattrs, node.Xattrs.Select(a => a.Name + "=" + Convert.ToBase64String(a.Value)).Order(StringComparer.Ordinal).ToArray());
    }

    private static string Sha256(SourceNode node)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (node.Content is { } content)
        {
            using var reader = content.Open();
            var buffer = new byte[65536];
            for (long offset = 0; offset < content.Length; offset += buffer.Length)
            {
                var chunk = buffer.AsSpan(0, (int)Math.Min(buffer.Length, content.Length - offset));
                reader.ReadExactly(offset, chunk);
                hash.AppendData(chunk);
            }
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Every path of the tree ("/" for the root), one entry per name (hard links repeat a node).</summary>
    private static Dictionary<string, SourceNode> Flatten(SourceNode root)
    {
        var paths = new Dictionary<string, SourceNode>(StringComparer.Ordinal) { ["/"] = root };
        var pending = new Stack<(string, SourceNode)>([("", root)]);
        while (pending.TryPop(out var item))
        {
            var (prefix, directory) = item;
            foreach (var child in directory.Children)
            {
                var path = prefix + "/" + Encoding.UTF8.GetString(child.Name);
                Assert.True(paths.TryAdd(path, child.Node), $"{path} appears twice");
                if (child.Node.Kind == FileKind.Directory)
                    pending.Push((path, child.Node));
            }
        }
        return paths;
    }
}
