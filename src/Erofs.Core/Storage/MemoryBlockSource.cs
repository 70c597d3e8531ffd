namespace Erofs.Storage;

/// <summary>An <see cref="IBlockSource"/> over bytes in memory (tests, fuzzing, small images).</summary>
public sealed class MemoryBlockSource : IBlockSource
{
    private readonly ReadOnlyMemory<byte> _bytes;

    /// <summary>Wraps <paramref name="bytes"/> without copying.</summary>
    public MemoryBlockSource(ReadOnlyMemory<byte> bytes) => _bytes = bytes;

    /// <inheritdoc />
    public long Length => _bytes.Length;

    /// <inheritdoc />
    public void Read(long offset, Span<byte> buffer)
    {
        BlockSourceBounds.Check(offset, buffer.Length, Length);
        _bytes.Span.Slice((int)offset, buffer.Length).CopyTo(buffer);
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
