using System.Runtime.InteropServices;
using Erofs.Interop;

namespace Erofs.Compression.Encoding;

/// <summary>
/// Raw DEFLATE through zlib (libz.so.1, windowBits −15) with the prefix search of <see cref="FitBlockEncoder"/>:
/// the fallback when libdeflate.so.0 is missing. One z_stream is reset for every try. Levels 0-9.
/// </summary>
internal sealed unsafe class ZlibDeflateEncoder : FitBlockEncoder
{
    private ZStream* _stream;

    /// <summary>Creates an encoder; the caller has checked <see cref="Libz.HasDeflate"/> and the level.</summary>
    public ZlibDeflateEncoder(EncoderSettings settings) : base(settings)
    {
        // zlib keeps a pointer to the z_stream in its state: it must not move, so it lives in native memory.
        _stream = (ZStream*)NativeMemory.AllocZeroed((nuint)sizeof(ZStream));
        var result = Libz.DeflateInit2(_stream, settings.Level, Libz.Deflated, Libz.RawWindowBits,
            Libz.DefaultMemLevel, Libz.DefaultStrategy, Libz.ZlibVersion(), sizeof(ZStream));
        if (result != ZResult.Ok)
        {
            NativeMemory.Free(_stream);
            _stream = null;
            throw new InvalidOperationException($"zlib deflateInit2 failed ({result})");
        }
    }

    /// <inheritdoc/>
    protected override string Name => "zlib deflate";

    /// <inheritdoc/>
    protected override int Compress(ReadOnlySpan<byte> input, Span<byte> destination)
    {
        var result = Libz.DeflateReset(_stream);
        if (result == ZResult.Ok)
        {
            fixed (byte* source = input)
            fixed (byte* target = destination)
            {
                _stream->NextIn = source;
                _stream->AvailIn = (uint)input.Length;
                _stream->NextOut = target;
                _stream->AvailOut = (uint)destination.Length;
                result = Libz.Deflate(_stream, Libz.Finish);
                int size = destination.Length - (int)_stream->AvailOut;
                _stream->NextIn = null;
                _stream->NextOut = null;
                if (result == ZResult.StreamEnd)
                    return size;
            }
        }
        // Z_OK / Z_BUF_ERROR under Z_FINISH: the output filled up before the end.
        if (result is ZResult.Ok or ZResult.BufError)
            return -1;
        throw new InvalidOperationException($"zlib deflate failed ({result})");
    }

    /// <inheritdoc/>
    protected override void Finish(Span<byte> stream) => DeflateFirstByte.MakeNonZero(stream);

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (_stream is not null)
        {
            Libz.DeflateEnd(_stream);
            NativeMemory.Free(_stream);
            _stream = null;
        }
    }

    /// <summary>Frees zlib's state if Dispose was forgotten.</summary>
    ~ZlibDeflateEncoder() => Dispose(false);
}
