namespace Erofs.Building.Source;

/// <summary>File content held in memory (generated files, tests).</summary>
public sealed class BytesContent(byte[] bytes) : IFileContent, IContentReader
{
    /// <inheritdoc/>
    public long Length => bytes.Length;
    /// <inheritdoc/>
    public IReadOnlyList<DataRange>? DataRanges => null;
    /// <inheritdoc/>
    public IContentReader Open() => this;

    /// <inheritdoc/>
    public void ReadExactly(long offset, Span<byte> buffer)
    {
        if (offset < 0 || offset + buffer.Length > bytes.Length)
            throw new IOException($"read of {buffer.Length} bytes at {offset} is past the end ({bytes.Length})");
        bytes.AsSpan((int)offset, buffer.Length).CopyTo(buffer);
    }

    /// <inheritdoc/>
    public void Dispose() { }
}
