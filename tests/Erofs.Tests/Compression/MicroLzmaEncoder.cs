using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Erofs.Interop;

namespace Erofs.Tests.Compression;

/// <summary>
/// Test-only MicroLZMA encoder through liblzma's <c>lzma_microlzma_encoder</c>, the call mkfs.erofs uses:
/// it packs as much input as fits into the output buffer.
/// </summary>
internal static unsafe partial class MicroLzmaEncoder
{
    // lzma_options_lzma is 112 bytes on LP64; a larger zeroed blob leaves room for future fields.
    private const int OptionsSize = 256;
    private const int LcOffset = 20, LpOffset = 24, PbOffset = 28;

    [LibraryImport(Liblzma.Library, EntryPoint = "lzma_microlzma_encoder")]
    private static partial LzmaRet Init(LzmaStream* strm, byte* options);

    [LibraryImport(Liblzma.Library, EntryPoint = "lzma_lzma_preset")]
    private static partial byte Preset(byte* options, uint preset);

    /// <summary>One encoder run: the stream, the input bytes it holds, and the LZMA properties byte used.</summary>
    internal readonly record struct Result(byte[] Stream, int Consumed, byte Properties);

    /// <summary>Encodes a prefix of <paramref name="input"/> into at most <paramref name="capacity"/> bytes (≥ 6).</summary>
    public static Result Encode(ReadOnlySpan<byte> input, int capacity, uint dictionary = 64 << 10, uint preset = 6, int? lc = null)
    {
        byte* options = stackalloc byte[OptionsSize];
        new Span<byte>(options, OptionsSize).Clear();
        if (Preset(options, preset) != 0)
            throw new InvalidOperationException($"lzma_lzma_preset({preset}) failed");
        var opts = new Span<byte>(options, OptionsSize);
        BinaryPrimitives.WriteUInt32LittleEndian(opts, dictionary);
        if (lc is { } value)
            BinaryPrimitives.WriteUInt32LittleEndian(opts[LcOffset..], (uint)value);
        uint props = (BinaryPrimitives.ReadUInt32LittleEndian(opts[PbOffset..]) * 5
            + BinaryPrimitives.ReadUInt32LittleEndian(opts[LpOffset..])) * 9
            + BinaryPrimitives.ReadUInt32LittleEndian(opts[LcOffset..]);
        var output = new byte[capacity];
        LzmaStream stream = default;
        try
        {
            var ret = Init(&stream, options);
            if (ret != LzmaRet.Ok)
                throw new InvalidOperationException($"lzma_microlzma_encoder: {ret}");
            fixed (byte* inp = input)
            fixed (byte* outp = output)
            {
                stream.NextIn = inp;
                stream.AvailIn = (nuint)input.Length;
                stream.NextOut = outp;
                stream.AvailOut = (nuint)output.Length;
                ret = Liblzma.Code(&stream, LzmaAction.Finish);
            }
            if (ret != LzmaRet.StreamEnd)
                throw new InvalidOperationException($"lzma_code(encoder): {ret}");
            return new Result(output[..(int)stream.TotalOut], (int)stream.TotalIn, (byte)props);
        }
        finally
        {
            Liblzma.End(&stream);
        }
    }

    /// <summary>Encodes all of <paramref name="input"/> (the buffer is large enough for incompressible data).</summary>
    public static byte[] EncodeAll(ReadOnlySpan<byte> input)
    {
        var result = Encode(input, input.Length + input.Length / 2 + 1024);
        if (result.Consumed != input.Length)
            throw new InvalidOperationException($"encoder took {result.Consumed} of {input.Length} bytes");
        return result.Stream;
    }
}
