namespace Erofs.Format;

/// <summary>feature_compat bits (EROFS_FEATURE_COMPAT_*); unknown bits are ignored by readers.</summary>
[Flags]
public enum FeatureCompat : uint
{
    /// <summary>No compatible features.</summary>
    None = 0,
    /// <summary>SB_CHKSUM: the superblock checksum is valid.</summary>
    SuperblockChecksum = 0x01,
    /// <summary>MTIME: inode times are modification times.</summary>
    Mtime = 0x02,
    /// <summary>XATTR_FILTER: per-inode xattr name bloom filters are valid.</summary>
    XattrFilter = 0x04,
    /// <summary>SHARED_EA_IN_METABOX: the shared xattr area lives in the metabox.</summary>
    SharedXattrsInMetabox = 0x08,
    /// <summary>PLAIN_XATTR_PFX: the long prefix table is at a plain absolute offset.</summary>
    PlainXattrPrefixes = 0x10,
    /// <summary>ISHARE_XATTRS: ishare_xattr_prefix_id names the content fingerprint prefix.</summary>
    IshareXattrs = 0x20,
}
