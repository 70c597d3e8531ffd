using Erofs.Building.Scanning;
using Erofs.Building.Source;

namespace Erofs.Tests.Building.Scanning;

/// <summary>File content is read at build time; a file that changed since the scan is an IOException naming it.</summary>
public sealed class ScannedContentTests
{
    [Fact]
    public void Large_content_reads_back_at_any_offset()
    {
        using var tree = new ScanTree();
        var data = new byte[3 << 20];
        new Random(7).NextBytes(data);
        File.WriteAllBytes(tree["big"], data);

        var content = Scan(tree).Get("big").Content!;

        Assert.Equal(data.Length, content.Length);
        Assert.Null(content.DataRanges);
        using var reader = content.Open();
        var chunk = new byte[100_000];
        foreach (long offset in new long[] { 0, 4095, 1 << 20, data.Length - chunk.Length })
        {
            reader.ReadExactly(offset, chunk);
            Assert.True(data.AsSpan((int)offset, chunk.Length).SequenceEqual(chunk), $"offset {offset}");
        }
    }

    [Fact]
    public void A_file_removed_after_the_scan_fails_to_open_with_its_path()
    {
        using var tree = new ScanTree();
        var path = tree.File("gone", "data");
        var content = Scan(tree).Get("gone").Content!;
        File.Delete(path);

        var e = Assert.Throws<IOException>(() => content.Open());

        Assert.Equal($"Cannot open '{path}': No such file or directory", e.Message);
    }

    [Fact]
    public void A_file_that_grew_since_the_scan_is_refused()
    {
        using var tree = new ScanTree();
        var path = tree.File("grows", "1234");
        var content = Scan(tree).Get("grows").Content!;
        File.AppendAllText(path, "5");

        var e = Assert.Throws<IOException>(() => content.Open());

        Assert.Equal($"'{path}' changed size since the scan: 4 bytes then, 5 now", e.Message);
    }

    [Fact]
    public void A_file_that_shrinks_while_open_fails_the_read_with_its_path()
    {
        using var tree = new ScanTree();
        var path = tree.File("shrinks", "0123456789");
        var content = Scan(tree).Get("shrinks").Content!;
        using var reader = content.Open();
        using (var stream = new FileStream(path, FileMode.Open))
            stream.SetLength(3);

        var buffer = new byte[10];
        var e = Assert.Throws<IOException>(() => reader.ReadExactly(0, buffer));

        Assert.Equal($"'{path}' ends at byte 3, before its scanned length 10: it shrank since the scan", e.Message);
    }

    [Fact]
    public void A_file_replaced_by_another_of_the_same_size_is_refused()
    {
        using var tree = new ScanTree();
        var path = tree.File("swapped", "old");
        var content = Scan(tree).Get("swapped").Content!;
        tree.File("other", "new");
        File.Move(tree["other"], path, overwrite: true);

        var e = Assert.Throws<IOException>(() => content.Open());

        Assert.Equal($"'{path}' was replaced by another file since the scan", e.Message);
    }

    [Fact]
    public void Reads_past_the_scanned_length_are_argument_errors()
    {
        using var tree = new ScanTree();
        tree.File("short", "abc");
        using var reader = Scan(tree).Get("short").Content!.Open();
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.ReadExactly(1, new byte[3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.ReadExactly(-1, new byte[1]));
        var tail = new byte[2];
        reader.ReadExactly(1, tail);
        Assert.Equal("bc"u8.ToArray(), tail);
    }

    [Fact]
    public void Files_the_caller_does_not_own_open_without_noatime()
    {
        using var tree = new ScanTree();
        var path = tree.File("theirs", "payload");
        Erofs.Interop.NativeFile.SetOwner(path, 4321, 4321);
        // As root O_NOATIME is allowed anyway; the read must work either way.
        Assert.Equal("payload"u8.ToArray(), Scan(tree).Get("theirs").ReadAll());
    }

    private static SourceNode Scan(ScanTree tree) => DirectorySource.Scan(tree.Root, new DirectoryScanOptions());
}
