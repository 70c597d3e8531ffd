using System.Runtime.InteropServices;

namespace Erofs.Interop;

/// <summary>The deflate (compression) slice of zlib (zlib.h 1.2.13), the fallback DEFLATE encoder when libdeflate is missing.</summary>
internal static unsafe partial class Libz
{
    /// <summary>Z_FINISH: all input is given; Z_STREAM_END once the final block is out.</summary>
    internal const int Finish = 4;

    /// <summary>Z_DEFLATED: the only compression method.</summary>
    internal const int Deflated = 8;

    /// <summary>windowBits for deflateInit2: negative = raw DEFLATE (no zlib header), 2^15 = 32 KiB window.</summary>
    internal const int RawWindowBits = -15;

    /// <summary>memLevel: zlib's default (8).</summary>
    internal const int DefaultMemLevel = 8;

    /// <summary>Z_DEFAULT_STRATEGY.</summary>
    internal const int DefaultStrategy = 0;

    private static readonly Lazy<bool> DeflateProbe = new(ProbeDeflate);

    /// <summary>True when libz.so.1 loads and exports the deflate calls (checked once per process).</summary>
    internal static bool HasDeflate => DeflateProbe.Value;

    /// <summary>
    /// <c>int deflateInit2_(z_streamp strm, int level, int method, int windowBits, int memLevel, int strategy,
    /// const char *version, int stream_size)</c>.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "deflateInit2_")]
    internal static partial ZResult DeflateInit2(ZStream* strm, int level, int method, int windowBits, int memLevel, int strategy, byte* version, int streamSize);

    /// <summary><c>int deflate(z_streamp strm, int flush)</c>.</summary>
    [LibraryImport(Library, EntryPoint = "deflate")]
    internal static partial ZResult Deflate(ZStream* strm, int flush);

    /// <summary><c>int deflateReset(z_streamp strm)</c>: a fresh stream with the same settings, no reallocation.</summary>
    [LibraryImport(Library, EntryPoint = "deflateReset")]
    internal static partial ZResult DeflateReset(ZStream* strm);

    /// <summary><c>int deflateEnd(z_streamp strm)</c>.</summary>
    [LibraryImport(Library, EntryPoint = "deflateEnd")]
    internal static partial ZResult DeflateEnd(ZStream* strm);

    private static bool ProbeDeflate() => HasExports("zlibVersion", "deflateInit2_", "deflate", "deflateReset", "deflateEnd");
}
