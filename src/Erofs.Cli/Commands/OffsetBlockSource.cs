using Erofs.Storage;

namespace Erofs.Cli.Commands;

/// <summary>An image that starts <c>offset</c> bytes into a file (<c>dump --offset</c>, as dump.erofs's).</summary>
internal sealed class OffsetBlockSource : IBlockSource
{
    private readonly IBlockSource _inner;
    private readonly long _offset;

    /// <summary>Takes ownership of <paramref name="inner"/>; fails when the offset lies past its end.</summary>
    public OffsetBlockSource(IBlockSource inner, long offset)
    {
        if (offset < 0 || offset > inner.Length)
        {
            inner.Dispose();
            throw new IOException($"offset {offset} lies beyond the end of the image ({inner.Length} bytes)");
        }
        _inner = inner;
        _offset = offset;
    }

    public long Length => _inner.Length - _offset;

    public void Read(long offset, Span<byte> buffer)
    {
        // Reads past the end must fail as the inner source's do, never wrap into the skipped bytes.
        if (offset < 0 || offset > Length)
            throw new ErofsContentException($"read at {offset} lies outside the {Length}-byte image");
        _inner.Read(_offset + offset, buffer);
    }

    public void Dispose() => _inner.Dispose();
}
