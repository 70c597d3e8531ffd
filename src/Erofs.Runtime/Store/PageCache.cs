using Microsoft.Win32.SafeHandles;

namespace Erofs.Runtime.Store;

/// <summary>Page-cache helpers for callers that read image data to publish or verify objects.</summary>
public static class PageCache
{
    /// <summary>
    /// Drops the clean cached pages of [<paramref name="offset"/>, <paramref name="offset"/> +
    /// <paramref name="length"/>) of a file (POSIX_FADV_DONTNEED; length 0 means to the end). Use it on the
    /// image ranges read to build an object, so the data is not cached twice. Dirty or mapped pages stay.
    /// </summary>
    public static void Drop(SafeFileHandle file, long offset, long length)
    {
        ArgumentNullException.ThrowIfNull(file);
        StoreFile.DropPages(file, offset, length);
    }

    /// <summary>Bytes of the file in the page cache (cachestat, Linux 6.5+), or null when unavailable.</summary>
    public static long? ResidentBytes(SafeFileHandle file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return StoreFile.ResidentBytes(file);
    }
}
