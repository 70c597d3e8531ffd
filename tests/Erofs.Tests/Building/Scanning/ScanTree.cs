using System.Text;
using Erofs.Building.Source;
using Erofs.Tests.Interop;

namespace Erofs.Tests.Building.Scanning;

/// <summary>A temporary source tree for scanner tests, removed with rm -rf (it may hold names .NET cannot spell).</summary>
internal sealed class ScanTree : IDisposable
{
    public ScanTree() => Root = Directory.CreateTempSubdirectory("erofs-scan-").FullName;

    public string Root { get; }

    /// <summary>The full path of a root-relative path.</summary>
    public string this[string relative] => Path.Combine(Root, relative);

    /// <summary>Writes a file (and its parent directories) and returns its path.</summary>
    public string File(string relative, string content = "x")
    {
        var path = this[relative];
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Creates a directory (and its parents) and returns its path.</summary>
    public string Dir(string relative) => Directory.CreateDirectory(this[relative]).FullName;

    /// <summary>Runs a shell script with the root as $1 and the current directory.</summary>
    public string Shell(string script) => Tool.Run("sh", "-c", $"cd \"$1\" && {script}", "sh", Root);

    public void Dispose() => Tool.Run("rm", "-rf", Root);
}

/// <summary>Finding nodes of a scanned tree by path.</summary>
internal static class SourceTreeExtensions
{
    /// <summary>The node at a '/'-separated relative path, or null.</summary>
    public static SourceNode? Find(this SourceNode root, string relative) => root.Find(Encoding.UTF8.GetBytes(relative));

    /// <summary>The node at a '/'-separated relative path given as raw bytes, or null.</summary>
    public static SourceNode? Find(this SourceNode root, byte[] relative)
    {
        var node = root;
        foreach (var range in relative.AsSpan().Split((byte)'/'))
        {
            node = node.FindChild(relative.AsSpan()[range])?.Node;
            if (node is null)
                return null;
        }
        return node;
    }

    /// <summary>The node at a relative path; fails the test when it is missing.</summary>
    public static SourceNode Get(this SourceNode root, string relative) =>
        root.Find(relative) ?? throw new Xunit.Sdk.XunitException($"'{relative}' is missing from the scan");

    /// <summary>Every relative path in the tree, in scan order (each directory's children as sorted).</summary>
    public static List<string> Paths(this SourceNode root)
    {
        var result = new List<string>();
        void Walk(SourceNode node, string prefix)
        {
            foreach (var entry in node.Children)
            {
                string path = prefix + Encoding.UTF8.GetString(entry.Name);
                result.Add(path);
                Walk(entry.Node, path + "/");
            }
        }
        Walk(root, "");
        return result;
    }

    /// <summary>The whole content of a scanned regular file.</summary>
    public static byte[] ReadAll(this SourceNode node)
    {
        if (node.Content is null)
            return [];
        var bytes = new byte[node.Content.Length];
        using var reader = node.Content.Open();
        reader.ReadExactly(0, bytes);
        return bytes;
    }
}
