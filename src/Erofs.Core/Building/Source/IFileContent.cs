namespace Erofs.Building.Source;

/// <summary>
/// The bytes of a regular file, opened only while the builder reads them (so a tree of a million
/// files holds no open descriptors).
/// </summary>
public interface IFileContent
{
    /// <summary>Logical length in bytes.</summary>
    long Length { get; }

    /// <summary>
    /// Ranges of the file that hold data, ascending and disjoint; everything else reads as zeros.
    /// Null when the whole file is data.
    /// </summary>
    IReadOnlyList<DataRange>? DataRanges { get; }

    /// <summary>Opens the content for positional reads; the reader must be disposed.</summary>
    IContentReader Open();
}

/// <summary>A run of data inside a sparse file.</summary>
/// <param name="Offset">Logical offset.</param>
/// <param name="Length">Length in bytes.</param>
public readonly record struct DataRange(long Offset, long Length);

/// <summary>Positional reads of one file's logical content.</summary>
public interface IContentReader : IDisposable
{
    /// <summary>
    /// Fills <paramref name="buffer"/> with the logical bytes at <paramref name="offset"/> (holes as zeros).
    /// Throws <see cref="IOException"/> when the source ends early or fails.
    /// </summary>
    void ReadExactly(long offset, Span<byte> buffer);
}
