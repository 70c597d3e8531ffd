using System.Buffers;
using Erofs.Building.Compressed;
using Erofs.Building.Compressing;
using Erofs.Compression;
using Erofs.Compression.Encoding;

namespace Erofs.Tests.Building.Compressing;

/// <summary>How one segment is cut into pclusters: fixed-size output, 0padding, the plain fallback, inline tails.</summary>
public sealed class SegmentCompressorTests
{
    private const int Block = 4096;

    private static byte[] Text(int length)
    {
        var random = new Random(length);
        string[] words = ["alpha", "beta", "gamma", "delta", "\n", "erofs", "block"];
        var bytes = new List<byte>(length + 8);
        while (bytes.Count < length)
            bytes.AddRange(System.Text.Encoding.ASCII.GetBytes(words[random.Next(words.Length)] + " "));
        return [.. bytes.Take(length)];
    }

    private static (List<PlannedExtent> Extents, byte[]? Tail, byte[] Blocks) Run(
        byte[] input, int pcluster = Block, bool tailPacking = false, int maxExtent = 8 << 20, CompressorKind kind = CompressorKind.Lz4)
    {
        var (extents, tail, _, blocks) = RunWithFragments(input, pcluster, tailPacking, fragments: false, maxExtent, kind);
        return (extents, tail, blocks);
    }

    private static (List<PlannedExtent> Extents, byte[]? Tail, long? FragmentStart, byte[] Blocks) RunWithFragments(
        byte[] input, int pcluster, bool tailPacking, bool fragments, int maxExtent = 8 << 20, CompressorKind kind = CompressorKind.Lz4)
    {
        using var encoder = new PclusterEncoderFactory(EncoderSettings.Create(kind, maxPclusterBytes: pcluster)).Create();
        var blocks = new ArrayBufferWriter<byte>();
        var (extents, tail, fragmentStart) = new SegmentCompressor(Block, pcluster, maxExtent, tailPacking, fragments)
            .Compress(encoder, input, 0, endsFile: true, blocks, new byte[pcluster]);
        return (extents, tail, fragmentStart, blocks.WrittenSpan.ToArray());
    }

    /// <summary>A segment streamed through a small window compresses exactly as when it is held whole.</summary>
    [Fact]
    public void AStreamedSegmentCompressesLikeOneHeldWhole()
    {
        byte[] input = [.. Text(150_000), .. new byte[40_000], .. Text(111_111)];
        new Random(5).NextBytes(input.AsSpan(60_000, 20_000));
        const int MaxExtent = 32 << 10;
        using var encoder = new PclusterEncoderFactory(EncoderSettings.Create(CompressorKind.Lz4, maxPclusterBytes: 16384)).Create();
        var compressor = new SegmentCompressor(Block, 16384, MaxExtent, tailPacking: true);
        var wholeBlocks = new ArrayBufferWriter<byte>();
        var whole = compressor.Compress(encoder, input, 0, endsFile: true, wholeBlocks, new byte[16384]);
        var window = new SegmentWindow(new byte[MaxExtent + 1000], input.Length, (at, dest) => input.AsSpan((int)at, dest.Length).CopyTo(dest));
        var streamedBlocks = new ArrayBufferWriter<byte>();
        var streamed = compressor.Compress(encoder, window, 0, endsFile: true, streamedBlocks, new byte[16384]);
        Assert.Equal(whole.Extents, streamed.Extents);
        Assert.Equal(whole.Tail, streamed.Tail);
        Assert.Equal(wholeBlocks.WrittenSpan.ToArray(), streamedBlocks.WrittenSpan.ToArray());
    }

    [Fact]
    public void WithFragmentsTheFinalPieceThatCompressesIntoLessThanAPclusterIsAFragment()
    {
        byte[] input = Text(200_000);
        var (extents, tail, fragmentStart, _) = RunWithFragments(input, pcluster: Block, tailPacking: true, fragments: true);
        Assert.Null(tail); // fragments win over ztailpacking, as in mkfs.erofs
        Assert.NotNull(fragmentStart);
        Assert.Equal(fragmentStart, extents[^1].Start + extents[^1].Length);
        Assert.True(input.Length - fragmentStart > Block, "the whole final piece goes to the fragment when it compresses into less than a pcluster");
    }

    [Fact]
    public void WithFragmentsAnIncompressibleTailNoLongerThanAPclusterIsAFragment()
    {
        byte[] input = new byte[3 * Block + 100];
        new Random(1).NextBytes(input);
        var (extents, _, fragmentStart, _) = RunWithFragments(input, pcluster: Block, tailPacking: false, fragments: true);
        Assert.Equal(3 * Block, fragmentStart);
        Assert.All(extents, e => Assert.Equal((PclusterFormat.Uncompressed, 1), (e.Format, e.Blocks)));
    }

    [Fact]
    public void WithFragmentsAFileThatFitsOnePclusterIsWhollyAFragment()
    {
        var (extents, _, fragmentStart, blocks) = RunWithFragments(Text(16_000), pcluster: 16384, tailPacking: false, fragments: true);
        Assert.Equal(0, fragmentStart);
        Assert.Empty(extents);
        Assert.Empty(blocks);
    }

    [Fact]
    public void ExtentsAreContiguousAndEachPclusterDecodesToItsExtent()
    {
        byte[] input = Text(200_000);
        var (extents, tail, blocks) = Run(input, pcluster: 16384);
        Assert.Null(tail);
        long at = 0;
        int blockAt = 0;
        foreach (var e in extents)
        {
            Assert.Equal(at, e.Start);
            var pcluster = blocks.AsSpan(blockAt * Block, e.Blocks * Block);
            byte[] decoded = new byte[e.Length];
            if (e.Format == PclusterFormat.Uncompressed)
                pcluster[..e.Length].CopyTo(decoded);
            else
                Decode(pcluster, decoded);
            Assert.Equal(input.AsSpan((int)e.Start, e.Length).ToArray(), decoded);
            at += e.Length;
            blockAt += e.Blocks;
        }
        Assert.Equal(input.Length, at);
        Assert.Equal(blocks.Length, blockAt * Block);
        Assert.True(blockAt * Block < input.Length / 2, "text should compress at least 2:1");
    }

    /// <summary>0padding: the stream ends at the pcluster's end behind leading zeros, which the reader skips.</summary>
    private static void Decode(ReadOnlySpan<byte> pcluster, byte[] output)
    {
        int start = 0;
        while (pcluster[start] == 0)
            start++;
        Assert.True(start < Block, "more than a block of padding");
        Lz4Decompressor.Instance.Decompress(pcluster[start..], output, partial: false);
    }

    [Fact]
    public void IncompressibleDataIsStoredAsOneBlockPlainPclusters()
    {
        byte[] input = new byte[3 * Block + 100];
        new Random(1).NextBytes(input);
        var (extents, _, blocks) = Run(input, pcluster: 65536);
        Assert.All(extents, e => Assert.Equal((PclusterFormat.Uncompressed, 1), (e.Format, e.Blocks)));
        Assert.Equal([Block, Block, Block, 100], extents.Select(e => e.Length));
        Assert.Equal(input, blocks.AsSpan(0, input.Length).ToArray());
    }

    [Fact]
    public void EveryExtentButAPlainOneCoversMoreThanABlock()
    {
        byte[] input = [.. Text(50_000), .. new byte[30_000], .. Text(10_000)];
        new Random(2).NextBytes(input.AsSpan(20_000, 9_000));
        var (extents, _, _) = Run(input);
        Assert.All(extents.Where(e => e.Format != PclusterFormat.Uncompressed), e => Assert.True(e.Length > Block));
        Assert.All(extents.SkipLast(1), e => Assert.True(e.Length >= Block));
    }

    [Fact]
    public void MaxExtentBytesCapsWhatOnePclusterDecodesTo()
    {
        var (extents, _, _) = Run(new byte[1 << 20], pcluster: 65536, maxExtent: 100_000);
        Assert.All(extents, e => Assert.True(e.Length <= 100_000));
        Assert.Equal(11, extents.Count);
    }

    [Fact]
    public void WithTailPackingASmallCompressedTailIsKeptInline()
    {
        byte[] input = Text(30_000);
        var (extents, tail, _) = Run(input, tailPacking: true);
        Assert.NotNull(tail);
        Assert.True(extents[^1].IsInline);
        Assert.Equal(PclusterFormat.Head1, extents[^1].Format);
        Assert.True(tail!.Length < Block);
        Assert.Equal(input.Length, extents[^1].Start + extents[^1].Length);
    }

    [Fact]
    public void WithTailPackingAnIncompressibleTailIsKeptInlineAsIs()
    {
        byte[] input = new byte[Block + 1000];
        new Random(3).NextBytes(input);
        var (extents, tail, _) = Run(input, tailPacking: true);
        Assert.Equal(2, extents.Count);
        Assert.Equal((PclusterFormat.Uncompressed, 1000, 0), (extents[1].Format, extents[1].Length, extents[1].Blocks));
        Assert.Equal(input[Block..], tail);
    }

    [Theory]
    [InlineData("lzma")]
    [InlineData("deflate")]
    [InlineData("zstd")]
    public void OtherAlgorithmsCompressTextToo(string name)
    {
        Assert.True(CompressorKinds.TryParse(name, out var kind));
        byte[] input = Text(100_000);
        var (extents, _, blocks) = Run(input, pcluster: 16384, kind: kind);
        Assert.Equal(input.Length, extents.Sum(e => e.Length));
        Assert.True(blocks.Length < input.Length / 2);
    }
}
