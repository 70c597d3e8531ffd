using Xunit.Abstractions;
using Erofs.Compression;
using Erofs.Format;
using Erofs.Storage;

namespace Erofs.Tests.Compression;

/// <summary>
/// Real mkfs.erofs 1.9.3 pclusters decode to bytes of the source tree. Without the extent mapper the
/// pclusters are found by scanning: each block whose leading zeros end inside it is a candidate stream
/// start; a 64-byte prefix is decoded partially and must occur in tree.tar. Non-streams must fail with
/// <see cref="ErofsContentException"/> only.
/// </summary>
public sealed class CorpusStreamTests(ITestOutputHelper output)
{
    private const int Prefix = 64;
    private static readonly Lazy<byte[]> Tree = new(() => File.ReadAllBytes(CompressionCorpus.PathOf("tree.tar")));

    [Theory]
    [InlineData("lz4hc-bigpcluster.erofs", "Lz4")]
    [InlineData("lzma.erofs", "Lzma")]
    [InlineData("deflate.erofs", "Deflate")]
    [InlineData("zstd.erofs", "Zstd")]
    public void Pcluster_prefixes_decode_to_source_tree_bytes(string image, string algorithmName)
    {
        var algorithm = Codec.Parse(algorithmName);
        var bytes = File.ReadAllBytes(CompressionCorpus.PathOf(image));
        using var source = new MemoryBlockSource(bytes);
        var sb = CompressionCorpus.ReadSuperblock(source);
        var decoder = new Decompressors(CompressionConfig.Read(sb, source)).Get(algorithm, 0);
        int found = 0, candidates = 0, rejected = 0;
        for (int block = 1; block < bytes.Length / sb.BlockSize; block++)
        {
            var candidate = StreamStart(bytes, block * sb.BlockSize, sb.BlockSize);
            if (candidate < 0)
                continue;
            candidates++;
            // A pcluster is at most 1 MiB; the decoder only reads as far as the prefix needs.
            var stream = bytes.AsSpan(candidate, Math.Min(bytes.Length - candidate, (1 << 20) + sb.BlockSize));
            var prefix = new byte[Prefix];
            try
            {
                decoder.Decompress(stream, prefix, partial: true, offset: candidate);
            }
            catch (ErofsContentException)
            {
                rejected++;
                continue;
            }
            if (prefix.AsSpan().ContainsAnyExcept(prefix[0]) && Tree.Value.AsSpan().IndexOf(prefix) >= 0)
                found++;
        }
        output.WriteLine($"{image}: {candidates} candidate blocks, {rejected} rejected, {found} decoded to source bytes");
        Assert.True(found >= 5, $"{image}: only {found} pclusters decoded to source bytes");
    }

    /// <summary>The first non-zero byte of the block (0padding), or -1 for an all-zero block.</summary>
    private static int StreamStart(byte[] image, int blockStart, int blockSize)
    {
        int i = image.AsSpan(blockStart, blockSize).IndexOfAnyExcept((byte)0);
        return i < 0 ? -1 : blockStart + i;
    }
}
