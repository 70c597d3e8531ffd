namespace Erofs.Reading;

/// <summary>
/// A run of a file's logical bytes and where they are stored: the single currency of the data path.
/// </summary>
/// <param name="LogicalOffset">First file byte covered.</param>
/// <param name="Length">Number of file bytes covered.</param>
/// <param name="Kind">How the bytes are stored.</param>
/// <param name="Device">Device index: 0 primary (or metadata space for Inline), k = extra device k.</param>
/// <param name="PhysicalOffset">Byte offset on the device (for Inline: in the inode's metadata space).</param>
/// <param name="PhysicalLength">Stored bytes (equals Length for Plain/Inline, 0 for holes).</param>
public readonly record struct Extent(long LogicalOffset, long Length, ExtentKind Kind, int Device, long PhysicalOffset, long PhysicalLength)
{
    /// <summary>How the stored bytes decode (compressed files); <see cref="ExtentEncoding.None"/> otherwise.</summary>
    public ExtentEncoding Encoding { get; init; }

    /// <summary>True when only a prefix of the cluster's decoded bytes belongs to this extent (deduplicated clusters).</summary>
    public bool IsPartial { get; init; }

    /// <summary>One past the last file byte covered.</summary>
    public long LogicalEnd => LogicalOffset + Length;
}
