using System.Runtime.InteropServices;

namespace Erofs.Interop;

/// <summary>
/// liblz4's "destSize" compressors (lz4.h / lz4hc.h, liblz4 ≥ 1.9): they pack as much input as fits into
/// a given output size, which is what EROFS's fixed-size pclusters need.
/// </summary>
internal static unsafe partial class Liblz4
{
    private static readonly Lazy<bool> CompressorProbe = new(ProbeCompressors);

    /// <summary>True when liblz4.so.1 loads and exports both destSize compressors (checked once per process).</summary>
    internal static bool HasDestSizeCompressors => CompressorProbe.Value;

    /// <summary>
    /// <c>int LZ4_compress_destSize(const char *src, char *dst, int *srcSizePtr, int targetDstSize)</c>:
    /// returns the bytes written (0 on error) and sets *srcSizePtr to the input consumed. Uses a stack state.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "LZ4_compress_destSize")]
    internal static partial int CompressDestSize(byte* source, byte* destination, int* sourceSize, int targetDestinationSize);

    /// <summary>
    /// <c>int LZ4_compress_HC_destSize(void *stateHC, const char *src, char *dst, int *srcSizePtr, int targetDstSize, int level)</c>:
    /// like <see cref="CompressDestSize"/> with the HC parser; the state (<see cref="SizeofStateHC"/> bytes, pointer-aligned)
    /// is reinitialised by every call.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "LZ4_compress_HC_destSize")]
    internal static partial int CompressHCDestSize(void* stateHC, byte* source, byte* destination, int* sourceSize, int targetDestinationSize, int level);

    /// <summary><c>int LZ4_sizeofStateHC(void)</c>.</summary>
    [LibraryImport(Library, EntryPoint = "LZ4_sizeofStateHC")]
    internal static partial int SizeofStateHC();

    /// <summary><c>int LZ4_versionNumber(void)</c>: major*10000 + minor*100 + release.</summary>
    [LibraryImport(Library, EntryPoint = "LZ4_versionNumber")]
    internal static partial int VersionNumber();

    private static bool ProbeCompressors()
    {
        if (!NativeLibrary.TryLoad(Library, typeof(Liblz4).Assembly, null, out var handle))
            return false;
        return NativeLibrary.TryGetExport(handle, "LZ4_compress_destSize", out _)
            && NativeLibrary.TryGetExport(handle, "LZ4_compress_HC_destSize", out _)
            && NativeLibrary.TryGetExport(handle, "LZ4_sizeofStateHC", out _)
            && NativeLibrary.TryGetExport(handle, "LZ4_versionNumber", out _);
    }
}
