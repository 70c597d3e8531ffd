namespace Erofs.Storage;

/// <summary>
/// Positional, thread-safe read access to the bytes of an image or an extra device.
/// Implementations never share a stream position, so many threads may read at once.
/// </summary>
public interface IBlockSource : IDisposable
{
    /// <summary>Total length in bytes.</summary>
    long Length { get; }

    /// <summary>
    /// Fills <paramref name="buffer"/> with the bytes at <paramref name="offset"/>.
    /// Throws <see cref="ErofsContentException"/> when the range lies (partly) past <see cref="Length"/>.
    /// </summary>
    void Read(long offset, Span<byte> buffer);
}
