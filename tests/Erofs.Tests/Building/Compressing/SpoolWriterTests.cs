using Erofs.Building.Compressing;

namespace Erofs.Tests.Building.Compressing;

/// <summary>Runs written through a small buffer come back from the spool whole, each where it was reserved.</summary>
public sealed class SpoolWriterTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("erofs-spool-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void RunsLongerThanTheBufferReadBackAsWritten()
    {
        using var spool = new PclusterSpool(_directory);
        var writer = new SpoolWriter(spool, bufferBytes: 8192);
        var random = new Random(3);
        var runs = new List<(SpoolEntry Entry, byte[] Bytes)>();
        foreach (int length in new[] { 4096 * 7, 0, 4096, 4096 * 3 })
        {
            byte[] bytes = new byte[length];
            random.NextBytes(bytes);
            writer.Begin(length + 4096);
            for (int at = 0; at < length; at += 4096)
            {
                bytes.AsSpan(at, 4096).CopyTo(writer.GetSpan(4096));
                writer.Advance(4096);
            }
            runs.Add((writer.End(), bytes));
        }
        Assert.Empty(Directory.GetFiles(_directory)); // unlinked as soon as it exists
        foreach (var (entry, bytes) in runs)
        {
            Assert.Equal(bytes.Length, entry.Length);
            byte[] back = new byte[bytes.Length];
            spool.Read(entry, 0, back);
            Assert.Equal(bytes, back);
        }
    }

    [Fact]
    public void WritingPastTheReservedRunFails()
    {
        using var spool = new PclusterSpool(_directory);
        var writer = new SpoolWriter(spool, bufferBytes: 8192);
        writer.Begin(4096);
        writer.GetSpan(4096);
        writer.Advance(4096);
        writer.GetSpan(4096);
        Assert.Throws<InvalidOperationException>(() => writer.Advance(4096));
    }
}
