using System.Runtime.InteropServices;

namespace Erofs.Interop;

/// <summary>
/// The slice of Debian's liblzma.so.5 (package liblzma5, ≥ 5.4 for MicroLZMA) that EROFS needs.
/// Layouts and constants are from /usr/include/lzma/base.h and container.h (liblzma 5.4.1).
/// </summary>
internal static unsafe partial class Liblzma
{
    /// <summary>The soname; the runtime needs only liblzma5, never the -dev package.</summary>
    internal const string Library = "liblzma.so.5";

    private static readonly Lazy<bool> Probe = new(ProbeLibrary);

    /// <summary>True when liblzma.so.5 loads and exports the MicroLZMA decoder (checked once per process).</summary>
    internal static bool IsAvailable => Probe.Value;

    /// <summary>The message of the NotSupportedException thrown when <see cref="IsAvailable"/> is false.</summary>
    internal const string MissingMessage = "LZMA needs liblzma.so.5 (apt install liblzma5)";

    /// <summary><c>lzma_ret lzma_microlzma_decoder(lzma_stream *strm, uint64_t comp_size, uint64_t uncomp_size, lzma_bool uncomp_size_is_exact, uint32_t dict_size)</c>.</summary>
    [LibraryImport(Library, EntryPoint = "lzma_microlzma_decoder")]
    internal static partial LzmaRet MicrolzmaDecoder(LzmaStream* strm, ulong compSize, ulong uncompSize, byte uncompSizeIsExact, uint dictSize);

    /// <summary><c>lzma_ret lzma_code(lzma_stream *strm, lzma_action action)</c>.</summary>
    [LibraryImport(Library, EntryPoint = "lzma_code")]
    internal static partial LzmaRet Code(LzmaStream* strm, LzmaAction action);

    /// <summary><c>void lzma_end(lzma_stream *strm)</c>: frees the coder; safe on a zeroed stream.</summary>
    [LibraryImport(Library, EntryPoint = "lzma_end")]
    internal static partial void End(LzmaStream* strm);

    private static bool ProbeLibrary()
    {
        // Load by the same name the imports use, and make sure the 5.4+ symbol is there,
        // so a missing or too old library becomes one clean NotSupportedException.
        if (!NativeLibrary.TryLoad(Library, typeof(Liblzma).Assembly, null, out var handle))
            return false;
        return NativeLibrary.TryGetExport(handle, "lzma_microlzma_decoder", out _)
            && NativeLibrary.TryGetExport(handle, "lzma_code", out _)
            && NativeLibrary.TryGetExport(handle, "lzma_end", out _);
    }
}

/// <summary>
/// <c>lzma_stream</c> (base.h), 136 bytes on LP64. Zero-initialised (<c>default</c>) equals LZMA_STREAM_INIT.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct LzmaStream
{
#pragma warning disable CS0169, CS0649 // reserved fields exist only to give the struct liblzma's layout
    /// <summary>next_in: next input byte.</summary>
    public byte* NextIn;
    /// <summary>avail_in: input bytes left at <see cref="NextIn"/>.</summary>
    public nuint AvailIn;
    /// <summary>total_in: input bytes consumed so far.</summary>
    public ulong TotalIn;
    /// <summary>next_out: next output position.</summary>
    public byte* NextOut;
    /// <summary>avail_out: free output bytes at <see cref="NextOut"/>.</summary>
    public nuint AvailOut;
    /// <summary>total_out: output bytes produced so far.</summary>
    public ulong TotalOut;
    /// <summary>allocator (NULL = malloc/free).</summary>
    public void* Allocator;
    /// <summary>internal: liblzma's private state.</summary>
    public void* Internal;
    private void* _reservedPtr1;
    private void* _reservedPtr2;
    private void* _reservedPtr3;
    private void* _reservedPtr4;
    /// <summary>seek_pos (seekable decoders only).</summary>
    public ulong SeekPos;
    private ulong _reservedInt2;
    private nuint _reservedInt3;
    private nuint _reservedInt4;
    private int _reservedEnum1;
    private int _reservedEnum2;
#pragma warning restore CS0169, CS0649
}

/// <summary><c>lzma_ret</c> values (base.h).</summary>
internal enum LzmaRet
{
    /// <summary>LZMA_OK.</summary>
    Ok = 0,
    /// <summary>LZMA_STREAM_END.</summary>
    StreamEnd = 1,
    /// <summary>LZMA_NO_CHECK.</summary>
    NoCheck = 2,
    /// <summary>LZMA_UNSUPPORTED_CHECK.</summary>
    UnsupportedCheck = 3,
    /// <summary>LZMA_GET_CHECK.</summary>
    GetCheck = 4,
    /// <summary>LZMA_MEM_ERROR.</summary>
    MemError = 5,
    /// <summary>LZMA_MEMLIMIT_ERROR.</summary>
    MemlimitError = 6,
    /// <summary>LZMA_FORMAT_ERROR.</summary>
    FormatError = 7,
    /// <summary>LZMA_OPTIONS_ERROR.</summary>
    OptionsError = 8,
    /// <summary>LZMA_DATA_ERROR.</summary>
    DataError = 9,
    /// <summary>LZMA_BUF_ERROR: no progress possible (input ended before the output was complete).</summary>
    BufError = 10,
    /// <summary>LZMA_PROG_ERROR.</summary>
    ProgError = 11,
}

/// <summary><c>lzma_action</c> values (base.h).</summary>
internal enum LzmaAction
{
    /// <summary>LZMA_RUN.</summary>
    Run = 0,
    /// <summary>LZMA_FINISH: all input is given.</summary>
    Finish = 3,
}
