using System.Runtime.InteropServices;

namespace Erofs.Interop;

/// <summary>
/// The whole-buffer DEFLATE compressor of Debian's libdeflate.so.0 (package libdeflate0, libdeflate.h 1.14).
/// It has no "fill this many bytes" mode, so EROFS searches for the prefix that fits.
/// </summary>
internal static unsafe partial class Libdeflate
{
    /// <summary>The soname; the runtime needs only libdeflate0, never the -dev package.</summary>
    internal const string Library = "libdeflate.so.0";

    /// <summary>
    /// libdeflate keeps this many bytes of the output buffer free for its word-at-a-time bit writer
    /// (OUTPUT_END_PADDING in 1.14): a stream only "fits" when it is at least that much shorter than the buffer.
    /// </summary>
    internal const int OutputEndPadding = 8;

    private static readonly Lazy<bool> Probe = new(ProbeLibrary);

    /// <summary>True when libdeflate.so.0 loads and exports the compressor calls (checked once per process).</summary>
    internal static bool IsAvailable => Probe.Value;

    /// <summary>
    /// <c>struct libdeflate_compressor *libdeflate_alloc_compressor(int level)</c>: levels 0 (stored) to 12; NULL on a
    /// bad level or no memory.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "libdeflate_alloc_compressor")]
    internal static partial nint AllocCompressor(int level);

    /// <summary>
    /// <c>size_t libdeflate_deflate_compress(c, const void *in, size_t in_nbytes, void *out, size_t out_nbytes_avail)</c>:
    /// one raw DEFLATE stream (last block has BFINAL) of all the input; 0 when it does not fit.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "libdeflate_deflate_compress")]
    internal static partial nuint DeflateCompress(nint compressor, byte* input, nuint inputLength, byte* output, nuint outputAvailable);

    /// <summary><c>void libdeflate_free_compressor(struct libdeflate_compressor *c)</c>: NULL is allowed.</summary>
    [LibraryImport(Library, EntryPoint = "libdeflate_free_compressor")]
    internal static partial void FreeCompressor(nint compressor);

    private static bool ProbeLibrary()
    {
        if (!NativeLibrary.TryLoad(Library, typeof(Libdeflate).Assembly, null, out var handle))
            return false;
        return NativeLibrary.TryGetExport(handle, "libdeflate_alloc_compressor", out _)
            && NativeLibrary.TryGetExport(handle, "libdeflate_deflate_compress", out _)
            && NativeLibrary.TryGetExport(handle, "libdeflate_free_compressor", out _);
    }
}
