using System.Runtime.InteropServices;

namespace Erofs.Interop;

/// <summary>
/// The inflate slice of zlib (libz.so.1, package zlib1g), used for gzip input because .NET's
/// GZipStream silently accepts a truncated stream. Layouts and constants are from zlib.h 1.2.13.
/// </summary>
internal static unsafe partial class Libz
{
    /// <summary>The soname; the runtime needs only zlib1g, never the -dev package.</summary>
    internal const string Library = "libz.so.1";

    /// <summary>windowBits for inflateInit2: a 32 KiB window, gzip framing only (+16).</summary>
    internal const int GzipWindowBits = 15 + 16;

    private static readonly Lazy<bool> Probe = new(ProbeLibrary);

    /// <summary>True when libz.so.1 loads and exports the inflate calls (checked once per process).</summary>
    internal static bool IsAvailable => Probe.Value;

    /// <summary>The message of the NotSupportedException thrown when <see cref="IsAvailable"/> is false.</summary>
    internal const string MissingMessage = "gzip input needs libz.so.1 (apt install zlib1g)";

    /// <summary><c>const char *zlibVersion(void)</c>.</summary>
    [LibraryImport(Library, EntryPoint = "zlibVersion")]
    internal static partial byte* ZlibVersion();

    /// <summary><c>int inflateInit2_(z_streamp strm, int windowBits, const char *version, int stream_size)</c>.</summary>
    [LibraryImport(Library, EntryPoint = "inflateInit2_")]
    internal static partial ZResult InflateInit2(ZStream* strm, int windowBits, byte* version, int streamSize);

    /// <summary><c>int inflate(z_streamp strm, int flush)</c> with Z_NO_FLUSH.</summary>
    [LibraryImport(Library, EntryPoint = "inflate")]
    internal static partial ZResult Inflate(ZStream* strm, int flush);

    /// <summary><c>int inflateReset(z_streamp strm)</c>: ready for the next gzip member.</summary>
    [LibraryImport(Library, EntryPoint = "inflateReset")]
    internal static partial ZResult InflateReset(ZStream* strm);

    /// <summary><c>int inflateEnd(z_streamp strm)</c>.</summary>
    [LibraryImport(Library, EntryPoint = "inflateEnd")]
    internal static partial ZResult InflateEnd(ZStream* strm);

    private static bool ProbeLibrary() => HasExports("zlibVersion", "inflateInit2_", "inflate", "inflateReset", "inflateEnd");

    /// <summary>True when libz loads and exports every named function.</summary>
    private static bool HasExports(params string[] names) =>
        NativeLibrary.TryLoad(Library, typeof(Libz).Assembly, null, out var handle)
        && names.All(name => NativeLibrary.TryGetExport(handle, name, out _));
}

/// <summary>
/// <c>z_stream</c> (zlib.h), 112 bytes on LP64. zlib keeps a pointer to it in its state, so it must
/// not move while in use: allocate it in native memory.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct ZStream
{
#pragma warning disable CS0169, CS0649 // fields exist to give the struct zlib's layout
    /// <summary>next_in: next input byte.</summary>
    public byte* NextIn;
    /// <summary>avail_in: input bytes at <see cref="NextIn"/>.</summary>
    public uint AvailIn;
    /// <summary>total_in.</summary>
    public nuint TotalIn;
    /// <summary>next_out: next output position.</summary>
    public byte* NextOut;
    /// <summary>avail_out: free bytes at <see cref="NextOut"/>.</summary>
    public uint AvailOut;
    /// <summary>total_out.</summary>
    public nuint TotalOut;
    /// <summary>msg: last error message or NULL.</summary>
    public byte* Msg;
    private void* _state;
    private void* _zalloc;
    private void* _zfree;
    private void* _opaque;
    private int _dataType;
    private nuint _adler;
    private nuint _reserved;
#pragma warning restore CS0169, CS0649
}

/// <summary>zlib return codes (zlib.h).</summary>
internal enum ZResult
{
    /// <summary>Z_OK.</summary>
    Ok = 0,
    /// <summary>Z_STREAM_END: the member (with its trailer) is complete.</summary>
    StreamEnd = 1,
    /// <summary>Z_NEED_DICT.</summary>
    NeedDict = 2,
    /// <summary>Z_STREAM_ERROR.</summary>
    StreamError = -2,
    /// <summary>Z_DATA_ERROR: corrupt data or a bad check value.</summary>
    DataError = -3,
    /// <summary>Z_MEM_ERROR.</summary>
    MemError = -4,
    /// <summary>Z_BUF_ERROR: no progress possible (more input needed).</summary>
    BufError = -5,
    /// <summary>Z_VERSION_ERROR.</summary>
    VersionError = -6,
}
