namespace Erofs.Format;

/// <summary>feature_incompat bits (EROFS_FEATURE_INCOMPAT_*); an unknown bit means "refuse to open".</summary>
[Flags]
public enum FeatureIncompat : uint
{
    /// <summary>No incompatible features.</summary>
    None = 0,
    /// <summary>LZ4_0PADDING (zero_padding): compressed data right-aligned in its pcluster.</summary>
    ZeroPadding = 0x001,
    /// <summary>COMPR_CFGS and BIG_PCLUSTER (one bit).</summary>
    ComprCfgs = 0x002,
    /// <summary>CHUNKED_FILE: chunk-based data layout allowed.</summary>
    ChunkedFile = 0x004,
    /// <summary>DEVICE_TABLE and COMPR_HEAD2 (one bit).</summary>
    DeviceTable = 0x008,
    /// <summary>ZTAILPACKING: compressed tail inline in metadata.</summary>
    Ztailpacking = 0x010,
    /// <summary>FRAGMENTS and DEDUPE (one bit).</summary>
    Fragments = 0x020,
    /// <summary>XATTR_PREFIXES: long xattr name prefixes.</summary>
    XattrPrefixes = 0x040,
    /// <summary>48BIT: 48-bit block addresses, 64-bit root nid, encoded extents.</summary>
    Layout48Bit = 0x080,
    /// <summary>METABOX: inodes stored in a metabox inode.</summary>
    Metabox = 0x100,
    /// <summary>Every bit this reader knows.</summary>
    AllKnown = 0x1FF,
}
