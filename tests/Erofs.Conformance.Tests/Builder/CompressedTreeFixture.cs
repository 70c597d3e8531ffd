using System.Text;
using Erofs.Conformance.Tests.Infrastructure;

namespace Erofs.Conformance.Tests.Builder;

/// <summary>
/// A tree for compressed builds: text-like and incompressible data, all-zero files, a file mixing both, the sizes
/// around one block, a 17 MiB file (several 8 MiB extents, streamed through the compression window), hard links and
/// symlinks. Deterministic.
/// </summary>
public sealed class CompressedTreeFixture : IDisposable
{
    private readonly TempDir _dir = TempDir.Create("ztree");

    public CompressedTreeFixture()
    {
        try
        {
            Root = _dir.CreateSubdirectory("src");
            Generate(Root);
            Snapshot = TreeSnapshot.Capture(Root);
        }
        catch
        {
            _dir.Dispose();
            throw;
        }
    }

    public string Root { get; }
    public IReadOnlyList<ManifestEntry> Snapshot { get; }
    public TempDir Scratch => _dir;

    /// <summary>Text-like bytes: words of a small vocabulary in pseudo-random order (compresses about 3:1).</summary>
    public static byte[] Text(int length, int seed)
    {
        string[] words = ["erofs", "cluster", "block", "inode", "kernel", "compress", "the", "of", "a", "mount",
            "read-only", "image", "data", "page", "cache", "lz4", "index", "tail", "\n", "extent", "0123456789"];
        var random = new Random(seed);
        var text = new StringBuilder(length + 16);
        while (text.Length < length)
            text.Append(words[random.Next(words.Length)]).Append(random.Next(8) == 0 ? ".\n" : " ");
        return Encoding.ASCII.GetBytes(text.ToString(0, length));
    }

    public static byte[] Random(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static void Generate(string root)
    {
        string sizes = Directory.CreateDirectory(Path.Combine(root, "sizes")).FullName;
        foreach (int size in new[] { 0, 1, 4095, 4096, 4097, 8191, 65535, 65537 })
        {
            File.WriteAllBytes(Path.Combine(sizes, $"text-{size}"), Text(size, size));
            File.WriteAllBytes(Path.Combine(sizes, $"zero-{size}"), new byte[size]);
            File.WriteAllBytes(Path.Combine(sizes, $"rand-{size}"), Random(size, size));
        }
        string big = Directory.CreateDirectory(Path.Combine(root, "big")).FullName;
        File.WriteAllBytes(Path.Combine(big, "text-3m"), Text(3 << 20, 1));
        File.WriteAllBytes(Path.Combine(big, "random-600k"), Random(600 << 10, 2));
        File.WriteAllBytes(Path.Combine(big, "zeros-2m"), new byte[2 << 20]);
        File.WriteAllBytes(Path.Combine(big, "mixed"), [.. Text(100_000, 3), .. Random(70_001, 4), .. new byte[50_000], .. Text(33_333, 5)]);
        WriteSegmented(Path.Combine(big, "segments-17m"));
        File.Copy(Path.Combine(big, "text-3m"), Path.Combine(big, "text-3m-copy"));
        string links = Directory.CreateDirectory(Path.Combine(root, "links")).FullName;
        File.WriteAllBytes(Path.Combine(links, "shared"), Text(20_000, 6));
        LibC.Link(Path.Combine(links, "shared"), Path.Combine(links, "hard"));
        File.CreateSymbolicLink(Path.Combine(links, "to-text"), "../big/text-3m");
        File.CreateSymbolicLink(Path.Combine(links, "long"), new string('x', 3000));
        Directory.CreateDirectory(Path.Combine(root, "empty-dir"));
    }

    /// <summary>Just over 16 MiB: mostly zeros with text every MiB, so the input window refills (multi-segment files: the 4 GiB test).</summary>
    private static void WriteSegmented(string path)
    {
        using var file = File.Create(path);
        for (int mib = 0; mib < 17; mib++)
        {
            var chunk = new byte[1 << 20];
            Text(64 << 10, 100 + mib).CopyTo(chunk, 4096 * mib);
            file.Write(chunk);
        }
        file.Write(Text(12_345, 99));
    }

    public void Dispose() => _dir.Dispose();
}
