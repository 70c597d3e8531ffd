namespace Erofs.Storage;

/// <summary>The one overflow-safe range check every block source applies before reading.</summary>
internal static class BlockSourceBounds
{
    public static void Check(long offset, int count, long length)
    {
        if (offset < 0 || count < 0 || offset > length || count > length - offset)
            throw new ErofsContentException($"read of {count} bytes at offset {offset} lies outside the device ({length} bytes)", offset: offset);
    }
}
