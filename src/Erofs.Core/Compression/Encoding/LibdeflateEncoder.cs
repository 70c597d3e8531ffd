using Erofs.Interop;

namespace Erofs.Compression.Encoding;

/// <summary>
/// Raw DEFLATE through libdeflate.so.0 with the prefix search of <see cref="FitBlockEncoder"/> (what mkfs.erofs's
/// libdeflate backend does). Every stream ends with a BFINAL block and uses at most the 32 KiB window.
/// Levels 0 (stored blocks) to 12.
/// </summary>
internal sealed unsafe class LibdeflateEncoder : FitBlockEncoder
{
    private nint _compressor;

    /// <summary>Creates an encoder; the caller has checked <see cref="Libdeflate.IsAvailable"/>.</summary>
    public LibdeflateEncoder(EncoderSettings settings) : base(settings)
    {
        _compressor = Libdeflate.AllocCompressor(settings.Level);
        if (_compressor == 0)
            throw new InvalidOperationException($"libdeflate_alloc_compressor({settings.Level}) failed");
    }

    /// <inheritdoc/>
    protected override string Name => "libdeflate_deflate_compress";

    /// <inheritdoc/>
    protected override int ScratchPadding => Libdeflate.OutputEndPadding + 1;

    /// <inheritdoc/>
    protected override int Compress(ReadOnlySpan<byte> input, Span<byte> destination)
    {
        fixed (byte* source = input)
        fixed (byte* target = destination)
        {
            nuint size = Libdeflate.DeflateCompress(_compressor, source, (nuint)input.Length, target, (nuint)destination.Length);
            return size == 0 ? -1 : (int)size;
        }
    }

    /// <inheritdoc/>
    protected override void Finish(Span<byte> stream) => DeflateFirstByte.MakeNonZero(stream);

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (_compressor != 0)
        {
            Libdeflate.FreeCompressor(_compressor);
            _compressor = 0;
        }
    }

    /// <summary>Frees libdeflate's compressor if Dispose was forgotten.</summary>
    ~LibdeflateEncoder() => Dispose(false);
}
