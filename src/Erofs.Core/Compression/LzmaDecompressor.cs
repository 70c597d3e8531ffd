using Erofs.Interop;

namespace Erofs.Compression;

/// <summary>
/// MicroLZMA decoding through liblzma.so.5 (<c>lzma_microlzma_decoder</c>, liblzma ≥ 5.4). Every call
/// builds and frees its own <c>lzma_stream</c>, so there is no shared state between threads.
/// </summary>
internal sealed class LzmaDecompressor : DecompressorBase
{
    /// <summary>liblzma's smallest dictionary (LZMA_DICT_SIZE_MIN).</summary>
    private const uint MinDictionary = 4096;

    private readonly uint _dictionarySize;

    /// <summary>Creates a decoder for streams made with a dictionary of at most <paramref name="dictionarySize"/> bytes.</summary>
    public LzmaDecompressor(uint dictionarySize) => _dictionarySize = Math.Max(dictionarySize, MinDictionary);

    /// <summary>The superblock's dictionary size (at least 4 KiB).</summary>
    public uint DictionarySize => _dictionarySize;

    /// <inheritdoc/>
    public override CompressionAlgorithm Algorithm => CompressionAlgorithm.Lzma;

    /// <inheritdoc/>
    protected override unsafe int Decode(ReadOnlySpan<byte> source, Span<byte> destination, bool partial)
    {
        // No match in the wanted output reaches further back than its length, so a dictionary of
        // min(config, output) is enough and keeps liblzma's allocation bounded by the destination.
        uint dictionary = Math.Clamp((uint)destination.Length, MinDictionary, _dictionarySize);
        if (!Liblzma.IsAvailable)
            throw new NotSupportedException(Liblzma.MissingMessage);
        LzmaStream stream = default;
        try
        {
            var ret = Liblzma.MicrolzmaDecoder(&stream, (ulong)source.Length, (ulong)destination.Length,
                partial ? (byte)0 : (byte)1, dictionary);
            if (ret != LzmaRet.Ok)
                throw new InvalidDataException($"lzma_microlzma_decoder failed with {Describe(ret)}");
            fixed (byte* input = source)
            fixed (byte* output = destination)
            {
                stream.NextIn = input;
                stream.AvailIn = (nuint)source.Length;
                stream.NextOut = output;
                stream.AvailOut = (nuint)destination.Length;
                // All input is there, so one call normally ends it; liblzma answers BUF_ERROR
                // instead of looping when no progress is possible.
                for (int i = 0; i < 4 && ret == LzmaRet.Ok; i++)
                    ret = Liblzma.Code(&stream, LzmaAction.Finish);
            }
            return Finish(ret, stream, source.Length, destination.Length, partial);
        }
        finally
        {
            Liblzma.End(&stream);
        }
    }

    private static int Finish(LzmaRet ret, in LzmaStream stream, int sourceLength, int wanted, bool partial)
    {
        if (ret != LzmaRet.StreamEnd)
            throw new InvalidDataException($"liblzma reported {Describe(ret)} after {stream.TotalIn} of {sourceLength} input bytes and {stream.TotalOut} of {wanted} output bytes");
        // With an exact size liblzma already checks that the range coder ends with the input; keep our own check too.
        if (!partial && stream.TotalIn != (ulong)sourceLength)
            throw new InvalidDataException($"the stream ended after {stream.TotalIn} of {sourceLength} input bytes");
        return (int)stream.TotalOut;
    }

    private static string Describe(LzmaRet ret) => ret switch
    {
        LzmaRet.DataError => "LZMA_DATA_ERROR (malformed data)",
        LzmaRet.BufError => "LZMA_BUF_ERROR (the input ended before the output was complete)",
        LzmaRet.OptionsError => "LZMA_OPTIONS_ERROR (invalid properties byte)",
        LzmaRet.MemError => "LZMA_MEM_ERROR (out of memory)",
        LzmaRet.ProgError => "LZMA_PROG_ERROR",
        LzmaRet.Ok => "LZMA_OK without reaching the end of the stream",
        _ => $"lzma_ret {(int)ret}",
    };
}
