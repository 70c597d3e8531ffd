using System.Text;
using Erofs.Building.Source;
using Erofs.Building.Tar;

namespace Erofs.Tests.Building.Tar;

/// <summary>A temporary directory for a test's source tree and archives, deleted on dispose.</summary>
internal sealed class TarScratch : IDisposable
{
    public TarScratch() => Path = Directory.CreateTempSubdirectory("erofs-tar-").FullName;

    public string Path { get; }

    /// <summary>A path inside the scratch directory.</summary>
    public string this[string name] => System.IO.Path.Combine(Path, name);

    /// <summary>Writes bytes to a file in the scratch directory and returns its path.</summary>
    public string Write(string name, byte[] bytes)
    {
        var path = this[name];
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Writes an archive and opens it.</summary>
    public TarArchive Open(byte[] archive, TarReadOptions? options = null) =>
        TarArchive.Open(Write($"a{Guid.NewGuid():N}.tar", archive), options ?? new TarReadOptions());

    /// <summary>Opens an archive and expects it to be refused; returns the message.</summary>
    public string Refused(byte[] archive, TarReadOptions? options = null)
    {
        var error = Assert.Throws<Erofs.Building.InvalidSourceException>(() => Open(archive, options).Dispose());
        Assert.DoesNotContain('\n', error.Message);
        return error.Message;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

/// <summary>Looking into a built source tree.</summary>
internal static class SourceTree
{
    /// <summary>The node at a slash-separated path below <paramref name="root"/>.</summary>
    public static SourceNode Find(SourceNode root, string path)
    {
        var node = root;
        foreach (var name in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var entry = node.FindChild(Encoding.UTF8.GetBytes(name));
            Assert.True(entry is not null, $"'{path}': no '{name}'");
            node = entry.Node;
        }
        return node;
    }

    /// <summary>Names of a directory's children, sorted.</summary>
    public static string[] Names(SourceNode directory) =>
        [.. directory.Children.Select(e => Encoding.UTF8.GetString(e.Name)).Order(StringComparer.Ordinal)];

    /// <summary>The whole content of a regular file (empty when it has none).</summary>
    public static byte[] Content(SourceNode node)
    {
        if (node.Content is null)
            return [];
        var bytes = new byte[node.Content.Length];
        using var reader = node.Content.Open();
        reader.ReadExactly(0, bytes);
        return bytes;
    }

    /// <summary>An xattr value, or null.</summary>
    public static byte[]? Xattr(SourceNode node, string name) => node.Xattrs.SingleOrDefault(x => x.Name == name)?.Value;

    /// <summary>Checks every located run against the archive bytes and the logical content.</summary>
    public static void AssertLocationsMatch(SourceNode node, byte[] archive)
    {
        var content = Assert.IsAssignableFrom<ILocatedContent>(node.Content);
        var logical = Content(node);
        foreach (var run in content.Locations)
        {
            Assert.True(run.Length > 0);
            Assert.Equal(
                logical.AsSpan((int)run.LogicalOffset, (int)run.Length).ToArray(),
                archive.AsSpan((int)run.ArchiveOffset, (int)run.Length).ToArray());
        }
    }
}
