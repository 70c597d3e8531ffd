using System.Runtime.InteropServices;
using Erofs.Interop;

namespace Erofs.Compression.Encoding;

/// <summary>
/// MicroLZMA through liblzma.so.5's <c>lzma_microlzma_encoder</c>, as mkfs.erofs does: with LZMA_FINISH it encodes as
/// much input as fits into the output and ends the range coder exactly there (no end marker). The first byte is
/// the bitwise NOT of the properties byte (≤ 224), never zero. Levels 0-9 are xz presets, 100-109 the same presets
/// with LZMA_PRESET_EXTREME; the dictionary is <see cref="EncoderSettings.DictionarySize"/>.
/// </summary>
internal sealed unsafe class LzmaEncoder : IPclusterEncoder
{
    private LzmaStream* _stream;
    private LzmaOptions* _options;

    /// <summary>Creates an encoder; the caller has checked <see cref="Liblzma.HasMicrolzmaEncoder"/>.</summary>
    /// <exception cref="ArgumentException">liblzma does not know the preset.</exception>
    public LzmaEncoder(EncoderSettings settings)
    {
        Settings = settings;
        _options = (LzmaOptions*)NativeMemory.AllocZeroed((nuint)sizeof(LzmaOptions));
        uint preset = settings.Level >= 100 ? (uint)(settings.Level - 100) | Liblzma.PresetExtreme : (uint)settings.Level;
        if (Liblzma.LzmaPreset(_options, preset) != 0)
        {
            Release();
            throw new ArgumentException($"liblzma does not know the lzma level {settings.Level}");
        }
        _options->DictSize = settings.DictionarySize;
        // liblzma keeps its coder behind strm->internal and reuses it for the next stream of the same kind.
        _stream = (LzmaStream*)NativeMemory.AllocZeroed((nuint)sizeof(LzmaStream));
    }

    /// <inheritdoc/>
    public EncoderSettings Settings { get; }

    /// <inheritdoc/>
    public int Encode(ReadOnlySpan<byte> input, Span<byte> output, out int consumed)
    {
        ObjectDisposedException.ThrowIf(_stream is null, this);
        EncoderContract.CheckBudget(output);
        consumed = 0;
        if (input.IsEmpty)
            return 0;
        var ret = Liblzma.MicrolzmaEncoder(_stream, _options);
        if (ret != LzmaRet.Ok)
            throw new InvalidOperationException($"lzma_microlzma_encoder failed ({ret})");
        fixed (byte* source = input)
        fixed (byte* destination = output)
        {
            _stream->NextIn = source;
            _stream->AvailIn = (nuint)input.Length;
            _stream->NextOut = destination;
            _stream->AvailOut = (nuint)output.Length;
            ret = Liblzma.Code(_stream, LzmaAction.Finish);
            // Do not leave pointers into buffers that are about to be unpinned.
            _stream->NextIn = null;
            _stream->NextOut = null;
        }
        if (ret != LzmaRet.StreamEnd)
            throw new InvalidOperationException($"lzma_code(LZMA_FINISH) on the MicroLZMA encoder returned {ret}");
        consumed = (int)_stream->TotalIn;
        return EncoderContract.Checked("lzma_microlzma_encoder", output, (int)_stream->TotalOut, consumed, input.Length);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Release();
        GC.SuppressFinalize(this);
    }

    /// <summary>Frees liblzma's coder if Dispose was forgotten.</summary>
    ~LzmaEncoder() => Release();

    private void Release()
    {
        if (_stream is not null)
        {
            Liblzma.End(_stream);
            NativeMemory.Free(_stream);
            _stream = null;
        }
        if (_options is not null)
        {
            NativeMemory.Free(_options);
            _options = null;
        }
    }
}
