using System.Runtime.InteropServices;
using Erofs.Interop;

namespace Erofs.Compression.Encoding;

/// <summary>
/// LZ4 and LZ4HC through Debian's liblz4.so.1: <c>LZ4_compress_destSize</c> (state on liblz4's stack) and
/// <c>LZ4_compress_HC_destSize</c> with a reusable state of <c>LZ4_sizeofStateHC()</c> bytes — the calls
/// mkfs.erofs makes, so the streams match its output for the same liblz4 version. Matches reach at most
/// 65535 bytes back (LZ4_DISTANCE_MAX). The first token always carries literals, so the first byte is non-zero.
/// </summary>
internal sealed unsafe class Lz4NativeEncoder : IPclusterEncoder
{
    private readonly bool _highCompression;
    private void* _hcState;
    private bool _disposed;

    /// <summary>Creates an encoder; the caller has checked <see cref="Liblz4.HasDestSizeCompressors"/>.</summary>
    public Lz4NativeEncoder(EncoderSettings settings)
    {
        Settings = settings;
        _highCompression = settings.Kind == CompressorKind.Lz4Hc;
        if (_highCompression)
            _hcState = NativeMemory.AlignedAlloc((nuint)Liblz4.SizeofStateHC(), 64);
    }

    /// <inheritdoc/>
    public EncoderSettings Settings { get; }

    /// <inheritdoc/>
    public int Encode(ReadOnlySpan<byte> input, Span<byte> output, out int consumed)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        EncoderContract.CheckBudget(output);
        consumed = 0;
        if (input.IsEmpty)
            return 0;
        int sourceSize = input.Length;
        int written;
        fixed (byte* source = input)
        fixed (byte* destination = output)
        {
            written = _highCompression
                ? Liblz4.CompressHCDestSize(_hcState, source, destination, &sourceSize, output.Length, Settings.Level)
                : Liblz4.CompressDestSize(source, destination, &sourceSize, output.Length);
        }
        consumed = sourceSize;
        string name = _highCompression ? "LZ4_compress_HC_destSize" : "LZ4_compress_destSize";
        return EncoderContract.Checked(name, output, written, consumed, input.Length);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Release();
        GC.SuppressFinalize(this);
    }

    /// <summary>Frees the HC state if Dispose was forgotten.</summary>
    ~Lz4NativeEncoder() => Release();

    private void Release()
    {
        _disposed = true;
        if (_hcState is not null)
        {
            NativeMemory.AlignedFree(_hcState);
            _hcState = null;
        }
    }
}
