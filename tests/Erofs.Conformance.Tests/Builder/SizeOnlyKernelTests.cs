using System.Security.Cryptography;
using System.Text;
using Erofs.Building;
using Erofs.Building.Source;
using Erofs.Checking;
using Erofs.Conformance.Tests.Cli;
using Erofs.Conformance.Tests.Infrastructure;
using Erofs.Reading;

namespace Erofs.Conformance.Tests.Builder;

/// <summary>
/// Metadata images built through <see cref="ImageBuilder"/> with <see cref="SizeOnlyContent"/> files: the kernel
/// shows each file's size and reads its holes as zeros, the image holds no data for them, our reader and fsck and
/// Debian's fsck.erofs 1.5 accept it, and overlayfs over it (metacopy + redirect into a data-only lower layer)
/// reads each file's object, which is what such images are for.
/// </summary>
public sealed class SizeOnlyKernelTests : IDisposable
{
    private const int BlockSize = 4096;
    private static readonly long[] Sizes = [1, 4095, 4096, 4097, 10L << 20, 5L << 30];
    private static readonly BuildOptions Fixed = new() { Timestamp = 1700000000, Uuid = new byte[16] };
    private static readonly byte[] Random20000 = RandomBytes(20000, 1);
    private readonly TempDir _scratch = TempDir.Create("sizeonly");

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void TheKernelShowsSizesXattrsAndLinksAndReadsZeros()
    {
        KernelMount.RequireSupport();
        string image = _scratch.Combine("meta.erofs");
        ImageBuilder.Build(MixedTree(), image, Fixed);
        using (var mount = KernelMount.Mount(image))
        {
            foreach (long size in Sizes)
            {
                string path = mount.Resolve($"/s{size}");
                var stat = LibC.LStat(path);
                Assert.Equal((0x81A4u, size), (stat.Mode, stat.Size));
                AssertReadsZeros(path, size);
            }
            var linked = LibC.LStat(mount.Resolve("/s4097"));
            Assert.Equal((2u, linked.Ino), (linked.Nlink, LibC.LStat(mount.Resolve("/dir/also-s4097")).Ino));
            Assert.Equal(LibC.LStat(mount.Resolve("/random")).Ino, LibC.LStat(mount.Resolve("/dir/also-random")).Ino);
            Assert.Equal("size-only"u8.ToArray(), LibC.GetXattr(mount.Resolve("/s10485760"), "user.note"));
            Assert.Equal(new byte[] { 0, 1, 255 }, LibC.GetXattr(mount.Resolve("/dir/tagged"), "trusted.bin"));
            Assert.Equal(4097, LibC.LStat(mount.Resolve("/dir/tagged")).Size);
            Assert.Equal("hello\n"u8.ToArray(), File.ReadAllBytes(mount.Resolve("/small")));
            Assert.Equal(Random20000, File.ReadAllBytes(mount.Resolve("/dir/also-random")));
        }
        // No data blocks: besides the 5 blocks of /random (/small is inline) only metadata, far under 64 KiB.
        long metadata = new FileInfo(image).Length - (Random20000.Length + BlockSize - 1) / BlockSize * BlockSize;
        Assert.InRange(metadata, 0, 64 * 1024 - 1);
        AssertCheckersAccept(image, debianToo: true);
    }

    [Fact]
    public void OverlayfsReadsEachObjectThroughTheMetadataImage()
    {
        KernelMount.RequireSupport();
        RequireOverlay();
        string objects = _scratch.CreateSubdirectory("objects");
        var root = SourceNode.NewDirectory();
        Add(root, "plain", Plain("not redirected\n"u8.ToArray()));
        var contents = Sizes.Where(s => s < 1L << 30).ToDictionary(s => s, s => RandomBytes((int)s, (int)(s % 1000) + 2));
        var nodes = contents.ToDictionary(c => c.Key, c => Add(root, $"s{c.Key}", Redirected(c.Key, SHA256.HashData(c.Value), objects, c.Value)));
        Add(Add(root, "dir", SourceNode.NewDirectory()), "same-as-s4097", nodes[4097]);
        var expected = contents.ToDictionary(c => $"/s{c.Key}", c => c.Value);
        expected["/dir/same-as-s4097"] = contents[4097];
        var huge = HugeObject(objects, out byte[] hugeDigest);
        Add(root, "s5368709120", huge);
        string image = _scratch.Combine("overlay-meta.erofs");
        ImageBuilder.Build(root, image, Fixed with { FingerprintXattrName = "erofs.fingerprint.v1" });

        using (var meta = KernelMount.Mount(image))
        using (var overlay = OverlayMount.Mount(meta.MountPoint, objects))
        {
            foreach (var (path, bytes) in expected)
            {
                Assert.Equal(bytes.Length, LibC.LStat(overlay.Resolve(path)).Size);
                Assert.Equal(bytes, File.ReadAllBytes(overlay.Resolve(path)));
                AssertReadsZeros(meta.Resolve(path), bytes.Length); // the image itself holds no data
            }
            Assert.Equal("not redirected\n"u8.ToArray(), File.ReadAllBytes(overlay.Resolve("/plain")));
            AssertHugeObjectReads(overlay.Resolve("/s5368709120"));
        }
        using (var erofs = ErofsImage.Open(image))
        {
            // The fingerprint names the object, not the zeros the image holds.
            var s4097 = erofs.ResolvePath("/s4097")!;
            Assert.Equal([.. "sha256:"u8, .. SHA256.HashData(expected["/s4097"])], erofs.GetFingerprint(s4097)!);
            Assert.Equal([.. "sha256:"u8, .. hugeDigest], erofs.GetFingerprint(erofs.ResolvePath("/s5368709120")!)!);
        }
        AssertCheckersAccept(image, debianToo: false); // 1.5 knows no long xattr prefixes (the fingerprint's)
    }

    /// <summary>Every size, a size-only file with a hard link and xattrs, normal files (one hard-linked) and a directory.</summary>
    private static SourceNode MixedTree()
    {
        var root = SourceNode.NewDirectory();
        var sizeOnly = Sizes.ToDictionary(size => size, size => Add(root, $"s{size}", SizeOnly(size)));
        sizeOnly[10L << 20].Xattrs.Add(new SourceXattr("user.note", "size-only"u8.ToArray()));
        Add(root, "small", Plain("hello\n"u8.ToArray()));
        var random = Add(root, "random", Plain(Random20000));
        random.Xattrs.Add(new SourceXattr("user.note", "normal"u8.ToArray()));
        var dir = Add(root, "dir", SourceNode.NewDirectory());
        Add(dir, "also-s4097", sizeOnly[4097]);
        Add(dir, "also-random", random);
        Add(dir, "tagged", SizeOnly(4097)).Xattrs.Add(new SourceXattr("trusted.bin", [0, 1, 255]));
        return root;
    }

    /// <summary>A size-only file whose object <paramref name="bytes"/> is stored at <c>/ab/cdef…</c> in <paramref name="objects"/>.</summary>
    private static SourceNode Redirected(long size, byte[] sha256, string objects, byte[]? bytes)
    {
        string hex = Convert.ToHexStringLower(sha256);
        string path = Path.Combine(objects, hex[..2], hex[2..]);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (bytes is not null)
            File.WriteAllBytes(path, bytes);
        var node = SizeOnly(size, sha256);
        node.Xattrs.Add(new SourceXattr("trusted.overlay.metacopy", []));
        node.Xattrs.Add(new SourceXattr("trusted.overlay.redirect", Encoding.ASCII.GetBytes($"/{hex[..2]}/{hex[2..]}")));
        return node;
    }

    private static readonly long[] HugeMarkers = [0, 3L << 30, (5L << 30) - 16];

    /// <summary>A sparse 5 GiB object with 16-byte markers; its name is a made-up digest (hashing 5 GiB is not the point).</summary>
    private static SourceNode HugeObject(string objects, out byte[] digest)
    {
        digest = SHA256.HashData("huge object"u8);
        var node = Redirected(5L << 30, digest, objects, bytes: null);
        string hex = Convert.ToHexStringLower(digest);
        using var stream = new FileStream(Path.Combine(objects, hex[..2], hex[2..]), FileMode.CreateNew);
        stream.SetLength(5L << 30);
        foreach (long at in HugeMarkers)
        {
            stream.Position = at;
            stream.Write(Marker(at));
        }
        return node;
    }

    private static void AssertHugeObjectReads(string path)
    {
        Assert.Equal(5L << 30, LibC.LStat(path).Size);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read);
        var buffer = new byte[16];
        foreach (long at in HugeMarkers)
        {
            stream.Position = at;
            stream.ReadExactly(buffer);
            Assert.Equal(Marker(at), buffer);
        }
    }

    private static byte[] Marker(long offset) => Encoding.ASCII.GetBytes($"at {offset,13}");

    /// <summary>
    /// Reads the whole file when it is small, else its first, a middle and its last MiB; all zeros, and the
    /// end of file exactly at <paramref name="size"/>.
    /// </summary>
    private static void AssertReadsZeros(string path, long size)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.None);
        var buffer = new byte[1 << 20];
        long[] starts = size <= 16L << 20 ? [.. Enumerable.Range(0, (int)((size + buffer.Length - 1) / buffer.Length)).Select(i => (long)i * buffer.Length)]
            : [0, size / 2, size - buffer.Length];
        foreach (long start in starts)
        {
            stream.Position = start;
            int want = (int)Math.Min(buffer.Length, size - start);
            Array.Fill(buffer, (byte)0xAA, 0, want);
            stream.ReadExactly(buffer, 0, want);
            Assert.True(!buffer.AsSpan(0, want).ContainsAnyExcept((byte)0), $"{path}: non-zero bytes in [{start}, +{want})");
        }
        stream.Position = size;
        Assert.Equal(0, stream.Read(buffer));
    }

    private static void AssertCheckersAccept(string image, bool debianToo)
    {
        using (var erofs = ErofsImage.Open(image))
            Assert.Empty(new ImageChecker(erofs, new CheckOptions { ReadAllData = true }).Check());
        var ours = ErofsCli.Run("fsck", "--extract", image);
        Assert.True(ours.Succeeded, $"erofs fsck rejected the image: {ours.StdErr}");
        if (debianToo)
        {
            var theirs = ErofsUtils.Fsck(image, "--extract");
            Assert.True(theirs.Succeeded, $"fsck.erofs 1.5 rejected the image: {theirs.StdErr}");
        }
    }

    private static void RequireOverlay()
    {
        if (!File.ReadLines("/proc/filesystems").Any(l => l.EndsWith("\toverlay", StringComparison.Ordinal)))
            throw new InvalidOperationException("The running kernel has no overlayfs ('overlay' is not in /proc/filesystems).");
    }

    private static SourceNode SizeOnly(long size, byte[]? sha256 = null) =>
        new() { Mode = 0x81A4, Content = new SizeOnlyContent(size, sha256) };

    private static SourceNode Plain(byte[] bytes) => new() { Mode = 0x81A4, Content = new BytesContent(bytes) };

    private static SourceNode Add(SourceNode dir, string name, SourceNode node)
    {
        dir.Children.Add(new SourceEntry(Encoding.UTF8.GetBytes(name), node));
        return node;
    }

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}

