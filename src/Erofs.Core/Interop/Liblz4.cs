using System.Runtime.InteropServices;

namespace Erofs.Interop;

/// <summary>
/// Debian's liblz4 (liblz4.so.1, on every machine of this kind): the block decoders the kernel's
/// own LZ4 code matches. Used when present because it decodes faster than the managed port.
/// </summary>
internal static unsafe partial class Liblz4
{
    private const string Library = "liblz4.so.1";
    private static readonly Lazy<bool> Probe = new(() => NativeLibrary.TryLoad(Library, typeof(Liblz4).Assembly, null, out _));

    /// <summary>True when liblz4.so.1 can be loaded.</summary>
    internal static bool IsAvailable => Probe.Value;

    /// <summary><c>LZ4_decompress_safe</c>: the whole stream, output at most <paramref name="capacity"/>; negative on error.</summary>
    [LibraryImport(Library, EntryPoint = "LZ4_decompress_safe")]
    internal static partial int DecompressSafe(byte* source, byte* destination, int compressedSize, int capacity);

    /// <summary><c>LZ4_decompress_safe_partial</c>: stops once <paramref name="targetSize"/> bytes are out; negative on error.</summary>
    [LibraryImport(Library, EntryPoint = "LZ4_decompress_safe_partial")]
    internal static partial int DecompressSafePartial(byte* source, byte* destination, int compressedSize, int targetSize, int capacity);
}
