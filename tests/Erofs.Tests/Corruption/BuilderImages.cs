using System.Diagnostics;
using System.Text;
using Erofs.Building;
using Erofs.Building.Source;
using Erofs.Tests.Building;

namespace Erofs.Tests.Corruption;

/// <summary>
/// Small images (a few KB) made by our builder, one per feature, and compressed ones made by
/// Debian's mkfs.erofs 1.5 from the same tree on disk. Deterministic: fixed timestamps and UUID.
/// </summary>
internal static class BuilderImages
{
    /// <summary>The variants <see cref="Make"/> knows.</summary>
    public static readonly string[] Variants = ["inline", "plain", "chunked", "chunked-indexes", "xattrs", "mkfs15-lz4hc", "mkfs15-lz4-ztailpacking"];

    private static readonly BuildOptions Fixed = new()
    {
        Timestamp = 1_700_000_000,
        Uuid = new byte[16],
        Threads = 1,
    };

    /// <summary>The bytes of image <paramref name="variant"/>.</summary>
    public static byte[] Make(string variant) => variant switch
    {
        "inline" => Build(Tree(), Fixed),
        "plain" => Build(Tree(), Fixed with { InlineData = false }),
        "chunked" => Build(Tree(), Fixed with { ChunkSize = 4096 }),
        "chunked-indexes" => Build(Tree(), Fixed with { ChunkSize = 4096, ForceChunkIndexes = true }),
        "xattrs" => Build(XattrTree(), Fixed with { XattrPrefixes = ["user.long-prefix."] }),
        "mkfs15-lz4hc" => Mkfs15(Tree(), "-zlz4hc", "-C16384"),
        "mkfs15-lz4-ztailpacking" => Mkfs15(Tree(), "-zlz4", "-Eztailpacking"),
        _ => throw new ArgumentException($"unknown builder image variant {variant}", nameof(variant)),
    };

    /// <summary>A small tree: empty, tiny, inline-sized and multi-block files, a subdirectory, links and specials.</summary>
    public static SourceNode Tree()
    {
        var root = SourceNode.NewDirectory();
        root.Add("empty", SourceTrees.File([]));
        root.Add("hello", SourceTrees.File("hello\n"u8.ToArray()));
        root.Add("text", SourceTrees.File(Text(9000)));
        root.Add("random", SourceTrees.File(SourceTrees.Random(5000, 5)));
        var sub = root.Add("sub", SourceNode.NewDirectory());
        for (int i = 0; i < 12; i++)
            sub.Add($"n{i:D2}", SourceTrees.File(Text(i * 37)));
        var deeper = sub.Add("deeper", SourceNode.NewDirectory());
        deeper.Add("leaf", SourceTrees.File(Text(300)));
        var linked = root.Add("linked", SourceTrees.File(Text(700)));
        sub.Add("hardlink", linked);
        root.Add("link", SourceTrees.Symlink("hello"));
        root.Add("fifo", new SourceNode { Mode = 0x11A4 });
        return root;
    }

    /// <summary>Inline xattrs, xattrs shared by several files, and a long name prefix.</summary>
    public static SourceNode XattrTree()
    {
        var root = SourceNode.NewDirectory();
        for (int i = 0; i < 4; i++)
        {
            var file = root.Add($"f{i}", SourceTrees.File(Text(50 + i)));
            file.Xattrs.Add(new SourceXattr("user.shared", "same value for all"u8.ToArray()));
            file.Xattrs.Add(new SourceXattr($"user.own{i}", Encoding.ASCII.GetBytes(new string('v', 10 + i))));
            file.Xattrs.Add(new SourceXattr("user.long-prefix.name", [1, 2, 3, (byte)i]));
            file.Xattrs.Add(new SourceXattr("trusted.t", [0, (byte)i]));
        }
        root.Xattrs.Add(new SourceXattr("user.dir", "d"u8.ToArray()));
        return root;
    }

    /// <summary>Compressible text of <paramref name="length"/> bytes.</summary>
    public static byte[] Text(int length)
    {
        var text = new StringBuilder();
        for (int line = 0; text.Length < length; line++)
            text.Append("line ").Append(line).Append(": the quick brown fox jumps over the lazy dog\n");
        return Encoding.ASCII.GetBytes(text.ToString(0, length));
    }

    private static byte[] Build(SourceNode root, BuildOptions options)
    {
        string path = Path.Combine(Path.GetTempPath(), $"erofs-builder-image-{Guid.NewGuid():N}.erofs");
        try
        {
            ImageBuilder.Build(root, path, options);
            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    // Writes the tree to disk and runs mkfs.erofs on it (a missing mkfs.erofs fails the test).
    private static byte[] Mkfs15(SourceNode root, params string[] options)
    {
        using var scratch = new ScratchDirectory();
        WriteTree(root, scratch["src"]);
        string image = scratch["out.erofs"];
        var start = new ProcessStartInfo("mkfs.erofs") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in options.Concat(["-T1700000000", "-U00000000-0000-0000-0000-000000000000", "--all-root", "--quiet", image, scratch["src"]]))
            start.ArgumentList.Add(arg);
        using var mkfs = Process.Start(start) ?? throw new InvalidOperationException("cannot start mkfs.erofs");
        string errors = mkfs.StandardError.ReadToEnd();
        mkfs.StandardOutput.ReadToEnd();
        mkfs.WaitForExit();
        if (mkfs.ExitCode != 0)
            throw new InvalidOperationException($"mkfs.erofs {string.Join(' ', options)} failed: {errors}");
        return File.ReadAllBytes(image);
    }

    private static void WriteTree(SourceNode node, string path)
    {
        Directory.CreateDirectory(path);
        foreach (var child in node.Children)
        {
            string target = Path.Combine(path, Encoding.UTF8.GetString(child.Name));
            var n = child.Node;
            if (n.Kind == Reading.FileKind.Directory)
                WriteTree(n, target);
            else if (n.Kind == Reading.FileKind.Symlink)
                File.CreateSymbolicLink(target, Encoding.UTF8.GetString(n.LinkTarget!));
            else if (n.Kind == Reading.FileKind.Regular)
                File.WriteAllBytes(target, ContentOf(n));
            // Specials are left out and hard links become copies: the compressed variants are about indexes.
        }
    }

    private static byte[] ContentOf(SourceNode file)
    {
        var bytes = new byte[file.Content?.Length ?? 0];
        if (file.Content is { } content)
        {
            using var reader = content.Open();
            reader.ReadExactly(0, bytes);
        }
        return bytes;
    }
}
