using System.Runtime.InteropServices;

namespace Erofs.Interop;

/// <summary>The MicroLZMA encoder half of liblzma.so.5 (container.h and lzma12.h of liblzma 5.4.1).</summary>
internal static unsafe partial class Liblzma
{
    /// <summary>LZMA_PRESET_EXTREME: or-ed into a preset level for the slower "extreme" variant.</summary>
    internal const uint PresetExtreme = 1u << 31;

    private static readonly Lazy<bool> EncoderProbe = new(ProbeEncoder);

    /// <summary>True when liblzma.so.5 exports the MicroLZMA encoder and the preset helper (checked once per process).</summary>
    internal static bool HasMicrolzmaEncoder => EncoderProbe.Value;

    /// <summary>
    /// <c>lzma_ret lzma_microlzma_encoder(lzma_stream *strm, const lzma_options_lzma *options)</c>: with LZMA_FINISH
    /// the next <c>lzma_code</c> encodes as much input as fits into avail_out (≥ 6) and returns LZMA_STREAM_END.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "lzma_microlzma_encoder")]
    internal static partial LzmaRet MicrolzmaEncoder(LzmaStream* strm, LzmaOptions* options);

    /// <summary><c>lzma_bool lzma_lzma_preset(lzma_options_lzma *options, uint32_t preset)</c>: non-zero on an unknown preset.</summary>
    [LibraryImport(Library, EntryPoint = "lzma_lzma_preset")]
    internal static partial byte LzmaPreset(LzmaOptions* options, uint preset);

    private static bool ProbeEncoder()
    {
        if (!NativeLibrary.TryLoad(Library, typeof(Liblzma).Assembly, null, out var handle))
            return false;
        return NativeLibrary.TryGetExport(handle, "lzma_microlzma_encoder", out _)
            && NativeLibrary.TryGetExport(handle, "lzma_lzma_preset", out _)
            && NativeLibrary.TryGetExport(handle, "lzma_code", out _)
            && NativeLibrary.TryGetExport(handle, "lzma_end", out _);
    }
}
