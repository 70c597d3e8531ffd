namespace Erofs.Building.Source;

/// <summary>
/// Content whose data ranges lie at known offsets of one archive file, so an image can refer to
/// them as an extra device instead of copying them (<c>--tar=i</c>).
/// </summary>
public interface ILocatedContent : IFileContent
{
    /// <summary>Every data run: logical offset, length and offset in the archive, ascending.</summary>
    IReadOnlyList<LocatedRange> Locations { get; }
}

/// <summary>A run of file data stored contiguously in an archive.</summary>
/// <param name="LogicalOffset">Offset in the file.</param>
/// <param name="Length">Length in bytes.</param>
/// <param name="ArchiveOffset">Offset of the first byte in the archive file.</param>
public readonly record struct LocatedRange(long LogicalOffset, long Length, long ArchiveOffset);
