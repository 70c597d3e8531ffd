using System.Diagnostics;
using System.IO.Compression;
using Erofs.Building;
using Erofs.Building.Tar;
using Erofs.Tests.Interop;
using static Erofs.Tests.Building.Tar.SourceTree;

namespace Erofs.Tests.Building.Tar;

/// <summary>Where the bytes come from: a plain file in place, gzip, a stream, a named pipe.</summary>
public sealed class TarInputTests : IDisposable
{
    private readonly TarScratch _scratch = new();
    private readonly byte[] _plain;
    private readonly byte[] _data = GnuTarSample.Bytes(5000, 7);

    public TarInputTests()
    {
        _plain = new TarBytes().Entry("dir/", '5').Entry("dir/file", data: _data).Build();
        Directory.CreateDirectory(_scratch["spool"]);
    }

    public void Dispose() => _scratch.Dispose();

    private TarReadOptions Options(bool ungzip = false) => new() { Ungzip = ungzip, SpoolDirectory = _scratch["spool"] };

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
            gzip.Write(bytes);
        return output.ToArray();
    }

    private void AssertTree(TarArchive tar)
    {
        var file = Find(tar.Root, "dir/file");
        Assert.Equal(_data, Content(file));
        // Offsets refer to the plain tar bytes, wherever they are kept.
        AssertLocationsMatch(file, _plain);
        Assert.Empty(Directory.GetFileSystemEntries(_scratch["spool"]));
    }

    [Fact]
    public void Plain_file_is_read_in_place()
    {
        var path = _scratch.Write("plain.tar", _plain);
        using var tar = TarArchive.Open(path, Options());
        Assert.Equal(path, tar.IndexablePath);
        AssertTree(tar);
    }

    [Fact]
    public void Gzip_is_detected_by_its_magic_and_spooled_unlinked()
    {
        using var tar = TarArchive.Open(_scratch.Write("a.tar.gz", Gzip(_plain)), Options());
        Assert.Null(tar.IndexablePath);
        AssertTree(tar);
    }

    [Fact]
    public void Gnu_tar_z_output_reads_too()
    {
        var src = Directory.CreateDirectory(_scratch["src"]).FullName;
        File.WriteAllBytes(Path.Combine(src, "f"), _data);
        var path = _scratch["z.tgz"];
        Tool.Run("tar", "-czf", path, "-C", src, ".");
        using var tar = TarArchive.Open(path, Options());
        Assert.Equal(_data, Content(Find(tar.Root, "f")));
    }

    [Fact]
    public void Ungzip_forces_gzip_and_fails_clearly_on_plain_data()
    {
        using (var tar = TarArchive.Open(_scratch.Write("b.tgz", Gzip(_plain)), Options(ungzip: true)))
            AssertTree(tar);
        var error = Assert.Throws<InvalidSourceException>(() => TarArchive.Open(_scratch.Write("p.tar", _plain), Options(ungzip: true)));
        Assert.Contains("gzip data is corrupt", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_scratch["spool"]));
    }

    [Fact]
    public void Truncated_gzip_is_refused()
    {
        var gzip = Gzip(new TarBytes().Entry("f", data: GnuTarSample.Bytes(50_000, 3)).Build());
        var path = _scratch.Write("t.tgz", gzip[..(gzip.Length / 2)]);
        var error = Assert.Throws<InvalidSourceException>(() => TarArchive.Open(path, Options()).Dispose());
        Assert.Contains("gzip data is corrupt: the gzip data ends before the end of its compressed stream (truncated)", error.Message);
    }

    [Fact]
    public void Concatenated_gzip_members_and_trailing_zeros_are_read_like_gzip_does()
    {
        var members = Gzip(_plain[..1536]).Concat(Gzip(_plain[1536..])).Concat(new byte[100]).ToArray();
        using var tar = TarArchive.Open(_scratch.Write("m.tgz", members), Options());
        AssertTree(tar);
    }

    [Fact]
    public void Corrupt_gzip_is_refused()
    {
        var gzip = Gzip(_plain);
        gzip[gzip.Length / 2] ^= 0xFF;
        gzip[gzip.Length / 2 + 1] ^= 0xFF;
        var error = Assert.Throws<InvalidSourceException>(() => TarArchive.Open(_scratch.Write("c.tgz", gzip), Options()).Dispose());
        Assert.Contains("gzip data is corrupt", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_scratch["spool"]));
    }

    [Fact]
    public void Stream_input_plain_or_gzip_is_spooled()
    {
        using (var tar = TarArchive.Open(new OneWayStream(_plain), "pipe", Options()))
        {
            Assert.Null(tar.IndexablePath);
            AssertTree(tar);
        }
        using (var tar = TarArchive.Open(new OneWayStream(Gzip(_plain)), "pipe", Options()))
            AssertTree(tar);
        var error = Assert.Throws<InvalidSourceException>(() => TarArchive.Open(new OneWayStream(_plain[..700]), "pipe", Options()));
        Assert.StartsWith("tar 'pipe': ", error.Message);
    }

    [Fact]
    public void Named_pipe_is_spooled()
    {
        var fifo = _scratch["fifo"];
        Tool.Run("mkfifo", fifo);
        var source = _scratch.Write("src.tar", _plain);
        using var writer = Process.Start("sh", ["-c", $"cat '{source}' > '{fifo}'"]);
        using (var tar = TarArchive.Open(fifo, Options()))
        {
            Assert.Null(tar.IndexablePath);
            AssertTree(tar);
        }
        writer.WaitForExit();
        Assert.Equal(0, writer.ExitCode);
    }

    [Fact]
    public void Spool_directory_that_does_not_exist_is_an_io_error()
    {
        var options = new TarReadOptions { SpoolDirectory = _scratch["missing"] };
        Assert.ThrowsAny<IOException>(() => TarArchive.Open(new OneWayStream(_plain), "pipe", options));
    }

    /// <summary>A stream that can only be read forward, like a pipe.</summary>
    private sealed class OneWayStream(byte[] bytes) : Stream
    {
        private readonly MemoryStream _inner = new(bytes);
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 777));
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
