namespace Erofs.Building;

/// <summary>
/// Everything that shapes an image besides its source tree; the defaults are mkfs.erofs 1.9's.
/// With <see cref="Timestamp"/> and <see cref="Uuid"/> given, the image is a pure function of the
/// source and these options.
/// </summary>
public sealed record BuildOptions
{
    /// <summary>log2 of the block size (9..12; mkfs <c>-b</c>).</summary>
    public int BlockSizeBits { get; init; } = 12;
    /// <summary>Which on-disk inode form to use (mkfs <c>-E force-inode-compact|extended</c>).</summary>
    public InodeFormPolicy InodeForm { get; init; } = InodeFormPolicy.Auto;
    /// <summary>Store file and symlink tails inline after the inode (mkfs <c>-E noinline_data</c> turns it off).</summary>
    public bool InlineData { get; init; } = true;
    /// <summary>
    /// mkfs <c>-x</c>: an xattr (name and value) carried by more than this many inodes is stored once and
    /// shared; negative drops all xattrs.
    /// </summary>
    public int XattrSharingThreshold { get; init; } = 2;
    /// <summary>Write per-inode xattr name bloom filters (mkfs <c>-E ^xattr-name-filter</c> turns it off).</summary>
    public bool XattrNameFilter { get; init; } = true;
    /// <summary>Extra long xattr name prefixes (mkfs <c>--xattr-prefix</c>), in table order.</summary>
    public IReadOnlyList<string> XattrPrefixes { get; init; } = [];
    /// <summary>Name of the content fingerprint xattr (mkfs <c>--xattr-inode-digest[=NAME]</c>); null writes none.</summary>
    public string? FingerprintXattrName { get; init; }
    /// <summary>Chunk size in bytes for chunk-based files (mkfs <c>--chunksize</c>); 0 stores files flat.</summary>
    public long ChunkSize { get; init; }
    /// <summary>Use 8-byte chunk indexes even without extra devices (mkfs <c>-E force-chunk-indexes</c>).</summary>
    public bool ForceChunkIndexes { get; init; }
    /// <summary>Use the 4-byte block map form of chunk tables (mkfs <c>-E force-inode-blockmap</c>).</summary>
    public bool ForceInodeBlockmap { get; init; }
    /// <summary>Write the superblock CRC-32C (mkfs <c>-E nosbcrc</c> turns it off).</summary>
    public bool SuperblockChecksum { get; init; } = true;
    /// <summary>Fixed UNIX time (mkfs <c>-T</c>); null means the current time.</summary>
    public long? Timestamp { get; init; }
    /// <summary>With a <see cref="Timestamp"/>: also give it to every inode (mkfs <c>--all-time</c>, the default) or only to the image (<c>--mkfs-time</c>).</summary>
    public bool TimestampAllInodes { get; init; } = true;
    /// <summary>UUID bytes (mkfs <c>-U</c>); null means random, all zeros means <c>clear</c>.</summary>
    public byte[]? Uuid { get; init; }
    /// <summary>Volume label, at most 16 bytes (mkfs <c>-L</c>).</summary>
    public string Label { get; init; } = "";
    /// <summary>Make every file owned by root (mkfs <c>--all-root</c>).</summary>
    public bool AllRoot { get; init; }
    /// <summary>Owner of every file (mkfs <c>--force-uid</c>).</summary>
    public uint? ForceUid { get; init; }
    /// <summary>Group of every file (mkfs <c>--force-gid</c>).</summary>
    public uint? ForceGid { get; init; }
    /// <summary>Added to every uid (mkfs <c>--uid-offset</c>).</summary>
    public uint UidOffset { get; init; }
    /// <summary>Added to every gid (mkfs <c>--gid-offset</c>).</summary>
    public uint GidOffset { get; init; }
    /// <summary>Drop per-file mtimes: every inode gets the image time (mkfs <c>--ignore-mtime</c>).</summary>
    public bool IgnoreMtime { get; init; }
    /// <summary>Extra device that receives chunk data (mkfs <c>--blobdev</c>); needs <see cref="ChunkSize"/>.</summary>
    public string? BlobDevicePath { get; init; }
    /// <summary>
    /// Index mode (<c>--tar=i</c>): file data stays in this archive, which becomes extra device 1,
    /// and the image holds only metadata. Block size must be 512.
    /// </summary>
    public string? IndexedArchivePath { get; init; }
    /// <summary>Compress regular files (mkfs <c>-z</c> and friends); null stores everything uncompressed.</summary>
    public Compressing.CompressionOptions? Compression { get; init; }
    /// <summary>Worker threads for reading, compressing, hashing and writing; 0 means one per core.</summary>
    public int Threads { get; init; }

    /// <summary>Block size in bytes.</summary>
    public int BlockSize => 1 << BlockSizeBits;
}

/// <summary>Choice of on-disk inode form.</summary>
public enum InodeFormPolicy
{
    /// <summary>Compact where it holds every value, extended otherwise.</summary>
    Auto,
    /// <summary>Compact always; mtimes collapse to the image time, values that do not fit are an error.</summary>
    ForceCompact,
    /// <summary>Extended always.</summary>
    ForceExtended,
}
