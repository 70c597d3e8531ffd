using Erofs.Building.Compressing;

namespace Erofs.Tests.Building.Compressing;

/// <summary>Runs written through a small buffer come back from the spool whole, whichever writer wrote them.</summary>
public sealed class SpoolWriterTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("erofs-spool-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void RunsOfTwoWritersReadBackAsWritten()
    {
        using var spool = new PclusterSpool(_directory);
        SpoolWriter[] writers = [spool.CreateWriter(bufferBytes: 8192), spool.CreateWriter(bufferBytes: 8192)];
        Assert.Empty(Directory.GetFiles(_directory)); // unlinked as soon as they exist
        var random = new Random(3);
        var runs = new List<(SpoolEntry Entry, byte[] Bytes)>();
        int[] lengths = [4096 * 7, 0, 4096, 4096 * 3, 512, 4096 * 2];
        for (int i = 0; i < lengths.Length; i++)
        {
            var writer = writers[i % 2];
            byte[] bytes = new byte[lengths[i]];
            random.NextBytes(bytes);
            writer.Begin();
            for (int at = 0; at < bytes.Length; at += 4096)
            {
                int piece = Math.Min(4096, bytes.Length - at);
                bytes.AsSpan(at, piece).CopyTo(writer.GetSpan(piece));
                writer.Advance(piece);
            }
            runs.Add((writer.End(), bytes));
        }
        foreach (var writer in writers)
            writer.Flush();
        foreach (var (entry, bytes) in runs)
        {
            Assert.Equal(bytes.Length, entry.Length);
            byte[] back = new byte[bytes.Length];
            spool.Read(entry, 0, back);
            Assert.Equal(bytes, back);
        }
    }

    [Fact]
    public void ASpanLargerThanTheBufferIsRefused()
    {
        using var spool = new PclusterSpool(_directory);
        var writer = spool.CreateWriter(bufferBytes: 8192);
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.GetSpan(8193));
    }
}
