namespace Erofs.Reading;

/// <summary>Receives one chunk of a file's content: its offset in the file and its bytes.</summary>
internal delegate void ContentChunkHandler(long offset, ReadOnlySpan<byte> bytes);

/// <summary>Reads a whole file extent by extent in buffer-sized chunks, for checking, hashing and extraction.</summary>
internal static class ContentChunks
{
    /// <param name="image">The image.</param>
    /// <param name="inode">The file.</param>
    /// <param name="buffer">Scratch space reused across files.</param>
    /// <param name="includeHoles">Also hand over holes (as zeros); else they are skipped, so sparse files cost nothing.</param>
    /// <param name="handle">Called for each chunk, in file order.</param>
    public static void Read(ErofsImage image, InodeInfo inode, byte[] buffer, bool includeHoles, ContentChunkHandler handle)
    {
        foreach (var extent in image.GetExtents(inode))
        {
            if (extent.Kind == ExtentKind.Hole && !includeHoles)
                continue;
            for (long offset = extent.LogicalOffset; offset < extent.LogicalEnd;)
            {
                int want = (int)Math.Min(buffer.Length, extent.LogicalEnd - offset);
                int n = image.Read(inode, offset, buffer.AsSpan(0, want));
                handle(offset, buffer.AsSpan(0, n));
                offset += n;
            }
        }
    }
}
