using Erofs.Building.Layout;
using Erofs.Building.Source;

namespace Erofs.Building.Writing;

/// <summary>Reads a file's content in large pieces, turning source failures into one-line build errors.</summary>
internal static class ContentReading
{
    public const int PieceSize = 1 << 20;

    /// <summary>Calls <paramref name="consume"/> with consecutive pieces (offset, bytes) covering the whole content.</summary>
    public static void ForEachPiece(InodePlan inode, byte[] buffer, Action<long, ReadOnlyMemory<byte>> consume)
    {
        var content = inode.Node.Content ?? throw new InvalidOperationException("no content");
        try
        {
            using var reader = content.Open();
            long length = content.Length;
            for (long offset = 0; offset < length; offset += buffer.Length)
            {
                int n = (int)Math.Min(buffer.Length, length - offset);
                reader.ReadExactly(offset, buffer.AsSpan(0, n));
                consume(offset, buffer.AsMemory(0, n));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidSourceException($"{inode.Path}: cannot read: {e.Message}", e);
        }
    }

    /// <summary>Reads <paramref name="dest"/>.Length bytes at <paramref name="offset"/>.</summary>
    public static void ReadAt(InodePlan inode, IContentReader reader, long offset, Span<byte> dest)
    {
        try
        {
            reader.ReadExactly(offset, dest);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidSourceException($"{inode.Path}: cannot read: {e.Message}", e);
        }
    }
}
