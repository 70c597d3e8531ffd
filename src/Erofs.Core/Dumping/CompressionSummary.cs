using Erofs.Reading;

namespace Erofs.Dumping;

/// <summary>
/// The data of one encoding: how many extents decode with it, and the distinct physical clusters
/// (pclusters) holding them.
/// </summary>
/// <param name="Encoding">The encoding (<see cref="ExtentEncoding.None"/>: stored as is, flat and chunk-based files).</param>
/// <param name="Extents">Extents of files with this encoding.</param>
/// <param name="Pclusters">Distinct physical ranges with this encoding (a range shared by several extents counts once).</param>
/// <param name="StoredBytes">Bytes those distinct ranges cover.</param>
/// <param name="LogicalBytes">File bytes of the extents (what the ranges decode to, counted per extent).</param>
public sealed record EncodingUsage(ExtentEncoding Encoding, long Extents, long Pclusters, long StoredBytes, long LogicalBytes)
{
    /// <summary>Encoding token (<see cref="DumpFormat.EncodingToken"/>).</summary>
    public string Name => DumpFormat.EncodingToken(Encoding);
}

/// <summary>
/// How much storage some file data takes: logical bytes against the bytes of the distinct physical
/// ranges that hold them. Built from extents only; compressed data is never decompressed.
/// </summary>
/// <remarks>
/// A physical range is keyed by (space, kind, offset, stored length), where space is the device
/// for data on a device, or the metadata space (image or metabox) for inline tails; a range met
/// again (deduplicated pclusters, shared chunks) is not a new pcluster. Stored length: the
/// physical length for compressed, shifted, interlaced and inline data; the physical length
/// rounded up to whole blocks for plain data of flat and chunk-based files. Stored bytes are the
/// bytes the distinct ranges cover, per space, so bytes that overlapping ranges share count once.
/// Holes and fragments store nothing here: fragments live in the packed inode, whose ranges an
/// image summary counts once (<see cref="PackedStoredBytes"/>).
/// </remarks>
public sealed record CompressionSummary
{
    /// <summary>File bytes of all extents counted (holes and fragments included).</summary>
    public required long LogicalBytes { get; init; }
    /// <summary>Bytes covered by the distinct physical ranges counted (with the packed inode's, for an image).</summary>
    public required long StoredBytes { get; init; }
    /// <summary>Extents of files counted, of every kind.</summary>
    public required long Extents { get; init; }
    /// <summary>Distinct physical ranges that store data (the sum over <see cref="Encodings"/>).</summary>
    public required long Pclusters { get; init; }
    /// <summary>Extents that use only a prefix of their pcluster's output (deduplicated clusters).</summary>
    public required long PartialExtents { get; init; }
    /// <summary>Extents stored in the packed inode (fragments).</summary>
    public required long FragmentExtents { get; init; }
    /// <summary>File bytes stored in the packed inode (fragments).</summary>
    public required long FragmentBytes { get; init; }
    /// <summary>Hole extents (nothing stored).</summary>
    public required long HoleExtents { get; init; }
    /// <summary>File bytes in holes.</summary>
    public required long HoleBytes { get; init; }
    /// <summary>
    /// For an image: extents of the packed inode that hold file fragments (not in <see cref="Extents"/>).
    /// Null for one inode.
    /// </summary>
    public required long? PackedExtents { get; init; }
    /// <summary>
    /// For an image: the part of <see cref="StoredBytes"/>, and of the pclusters and stored bytes
    /// of <see cref="Encodings"/>, that comes from the packed inode's ranges holding file fragments.
    /// Null for one inode.
    /// </summary>
    public required long? PackedStoredBytes { get; init; }
    /// <summary>Per encoding, in <see cref="ExtentEncoding"/> order; only encodings that occur.</summary>
    public required IReadOnlyList<EncodingUsage> Encodings { get; init; }
    /// <summary>False when some extents were not counted (a limit was reached, or mapping failed).</summary>
    public required bool IsComplete { get; init; }

    /// <summary>Logical bytes per stored byte (2.0: half the size); null when nothing is stored.</summary>
    public double? Ratio => StoredBytes == 0 ? null : (double)LogicalBytes / StoredBytes;

    /// <summary>Stored bytes as a percentage of logical bytes (dump.erofs's "compression ratio"); null when there are no logical bytes.</summary>
    public double? StoredPercent => LogicalBytes == 0 ? null : StoredBytes * 100.0 / LogicalBytes;
}
