namespace Erofs.Storage;

/// <summary>
/// The bytes of another source from a byte offset on: an image that starts inside a larger file (a disk
/// image, a firmware blob), as erofs-utils' <c>--offset=#</c> reads it. Owns the inner source.
/// </summary>
public sealed class OffsetBlockSource : IBlockSource
{
    private readonly IBlockSource _inner;
    private readonly long _offset;

    /// <summary>Reads <paramref name="inner"/> from byte <paramref name="offset"/> on.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The offset is negative.</exception>
    /// <exception cref="ErofsContentException">The offset lies past the end of the inner source.</exception>
    public OffsetBlockSource(IBlockSource inner, long offset)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (offset > inner.Length)
            throw new ErofsContentException($"offset {offset} lies past the end of the file ({inner.Length} bytes)", offset: offset);
        _inner = inner;
        _offset = offset;
    }

    /// <inheritdoc />
    public long Length => _inner.Length - _offset;

    /// <inheritdoc />
    public void Read(long offset, Span<byte> buffer)
    {
        // Checked against our length first, so a read can never reach before the offset or overflow past it.
        BlockSourceBounds.Check(offset, buffer.Length, Length);
        _inner.Read(_offset + offset, buffer);
    }

    /// <inheritdoc />
    public void Dispose() => _inner.Dispose();
}
