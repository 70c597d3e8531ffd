using System.Buffers;
using Erofs.Building.Compressed;
using Erofs.Compression;
using Erofs.Compression.Encoding;
using Erofs.Reading;

namespace Erofs.Building.Compressing;

/// <summary>
/// Cuts one segment of a file into pclusters, as mkfs.erofs does: each pcluster holds the longest prefix that
/// fits <c>pclusterBytes</c>, right-aligned behind zeros (0padding). A pcluster that does not save at least one
/// block stores its input as is instead, in one-block PLAIN pclusters. With ztailpacking, a final piece that
/// compresses (or is) under one block becomes the inline tail. With fragments (which take precedence, as in
/// mkfs.erofs), the file's final piece goes to the packed inode when it is no longer than a pcluster or when it
/// compresses, all of it, into less than a pcluster. The result depends only on the input and the settings.
/// </summary>
internal sealed class SegmentCompressor(int blockSize, int pclusterBytes, int maxExtentBytes, bool tailPacking, bool fragments = false)
{
    private readonly bool _tailPacking = tailPacking && !fragments;

    // An LZ4 sequence spends at least one byte per 255 bytes of match, so a pcluster never holds more than
    // 256 times its size: offering more changes nothing but makes liblz4's destSize calls slower (32 MiB of
    // random data at 4 KiB pclusters: 0.87 s with the 8 MiB extent limit offered, 0.33 s with 1 MiB).
    private static int MaxInput(CompressionAlgorithm algorithm, int pclusterBytes) =>
        algorithm == CompressionAlgorithm.Lz4 ? (int)Math.Min(256L * pclusterBytes, int.MaxValue) : int.MaxValue;

    /// <summary>The most input <see cref="Compress"/> takes at once with pclusters of up to <paramref name="pclusterBytes"/>.</summary>
    public static int LargestSlice(CompressionAlgorithm algorithm, int blockSize, int pclusterBytes, int maxExtentBytes) =>
        Math.Max(blockSize, Math.Min(maxExtentBytes, MaxInput(algorithm, pclusterBytes)));

    /// <summary>
    /// Compresses <paramref name="input"/>, the file bytes from <paramref name="fileOffset"/>, appending the pclusters
    /// to <paramref name="blocks"/>; <paramref name="endsFile"/> says the segment is the file's last (the only place
    /// for an inline tail or a fragment). <paramref name="scratch"/> holds at least one pcluster. A non-null
    /// FragmentStart is the file offset from which the rest of the file is a fragment (no extent is planned for it).
    /// </summary>
    public SegmentResult Compress(
        IPclusterEncoder encoder, SegmentWindow input, long fileOffset, bool endsFile,
        IBufferWriter<byte> blocks, byte[] scratch)
    {
        var extents = new List<PlannedExtent>();
        int pos = 0;
        bool probe = false; // after a raw pcluster: incompressible input comes in runs (whole files)
        while (pos < input.Length)
        {
            int remaining = input.Length - pos;
            if (fragments && endsFile && remaining <= pclusterBytes)
                return new SegmentResult(extents, null, fileOffset + pos);
            if (_tailPacking && endsFile && remaining < blockSize)
                return new SegmentResult(extents, InlineTail(encoder, input.Slice(pos, remaining), fileOffset + pos, extents, scratch), null);
            int window = Math.Min(remaining, Math.Min(maxExtentBytes, MaxInput(encoder.Settings.Algorithm, pclusterBytes)));
            if (probe && window > 2 * pclusterBytes && IsIncompressible(encoder, input.Slice(pos, 2 * pclusterBytes), scratch, out int probed))
            {
                pos = StoreRaw(input, pos, Math.Max(1, probed / blockSize), fileOffset, endsFile, extents, blocks);
                continue;
            }
            int written = encoder.Encode(input.Slice(pos, window), scratch.AsSpan(0, pclusterBytes), out int consumed);
            if (fragments && endsFile && consumed == remaining && written < pclusterBytes)
                return new SegmentResult(extents, null, fileOffset + pos);
            if (_tailPacking && endsFile && consumed == remaining && written < blockSize)
            {
                extents.Add(new PlannedExtent(fileOffset + pos, consumed, PclusterFormat.Head1, 0));
                return new SegmentResult(extents, scratch[..written], null);
            }
            int rounded = RoundUp(written);
            if (rounded < consumed)
            {
                var dest = blocks.GetSpan(rounded)[..rounded];
                dest[..(rounded - written)].Clear();
                scratch.AsSpan(0, written).CopyTo(dest[(rounded - written)..]);
                blocks.Advance(rounded);
                extents.Add(new PlannedExtent(fileOffset + pos, consumed, PclusterFormat.Head1, rounded / blockSize));
                pos += consumed;
                probe = false;
                continue;
            }
            pos = StoreRaw(input, pos, Math.Max(1, consumed / blockSize), fileOffset, endsFile, extents, blocks);
            probe = true;
        }
        return new SegmentResult(extents, null, null);
    }

    /// <summary>
    /// LZ4HC only, after a raw pcluster: whether a pcluster from this input would not save a block either, judged
    /// on an input of twice the pcluster (the output fills before it ends). liblz4's HC destSize call costs more the more input it is
    /// offered (32 MiB of random data at 4 KiB pclusters: 12.6 s, in mkfs.erofs 1.5 too; 0.9 s probing), and
    /// already-compressed files are common in real trees; the full call is made whenever the probe saves a block.
    /// Not for fast LZ4: its parser changes with the input size (a 16-bit table under 64 KiB), so a probe
    /// could judge differently from the full call.
    /// </summary>
    private bool IsIncompressible(IPclusterEncoder encoder, ReadOnlySpan<byte> probe, byte[] scratch, out int consumed)
    {
        consumed = 0;
        if (encoder.Settings.Kind != CompressorKind.Lz4Hc)
            return false;
        int written = encoder.Encode(probe, scratch.AsSpan(0, pclusterBytes), out consumed);
        return consumed < probe.Length && RoundUp(written) >= consumed;
    }

    /// <summary>Stores up to <paramref name="count"/> one-block PLAIN pclusters from <paramref name="pos"/>.</summary>
    private int StoreRaw(SegmentWindow input, int pos, int count, long fileOffset, bool endsFile,
        List<PlannedExtent> extents, IBufferWriter<byte> blocks)
    {
        for (int i = 0; i < count && pos < input.Length; i++)
        {
            int length = Math.Min(blockSize, input.Length - pos);
            if (_tailPacking && endsFile && length < blockSize)
                break;
            var dest = blocks.GetSpan(blockSize)[..blockSize];
            input.Slice(pos, length).CopyTo(dest);
            dest[length..].Clear();
            blocks.Advance(blockSize);
            extents.Add(new PlannedExtent(fileOffset + pos, length, PclusterFormat.Uncompressed, 1));
            pos += length;
        }
        return pos;
    }

    /// <summary>The last piece (under one block): compressed when that is smaller, else as is.</summary>
    private byte[] InlineTail(IPclusterEncoder encoder, ReadOnlySpan<byte> tail, long start, List<PlannedExtent> extents, byte[] scratch)
    {
        int budget = Math.Max(blockSize, EncoderContract.MinOutputBytes);
        int written = encoder.Encode(tail, scratch.AsSpan(0, budget), out int consumed);
        bool compressed = consumed == tail.Length && written < tail.Length;
        extents.Add(new PlannedExtent(start, tail.Length, compressed ? PclusterFormat.Head1 : PclusterFormat.Uncompressed, 0));
        return compressed ? scratch[..written] : tail.ToArray();
    }

    private int RoundUp(int bytes) => (int)ChunkMapper.AlignUp(bytes, blockSize);
}

/// <summary>What <see cref="SegmentCompressor.Compress"/> planned: extents, the inline tail, or where the fragment starts.</summary>
internal readonly record struct SegmentResult(List<PlannedExtent> Extents, byte[]? Tail, long? FragmentStart);
