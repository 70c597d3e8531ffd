namespace Erofs.Format;

/// <summary>
/// Xattr structures: the inline body header (<c>struct erofs_xattr_ibody_header</c>), entries
/// (<c>struct erofs_xattr_entry</c>) and long prefix records (<c>struct erofs_xattr_long_prefix</c>).
/// </summary>
public static class XattrLayout
{
    /// <summary>Size of the ibody header: h_name_filter (4), h_shared_count (1), 7 reserved.</summary>
    public const int HeaderSize = 12;
    /// <summary>Offset of h_name_filter.</summary>
    public const int NameFilterOffset = 0;
    /// <summary>Offset of h_shared_count.</summary>
    public const int SharedCountOffset = 4;
    /// <summary>Size of an entry header: e_name_len, e_name_index, e_value_size.</summary>
    public const int EntrySize = 4;
    /// <summary>Entries and prefix records are 4-byte aligned.</summary>
    public const int Alignment = 4;
    /// <summary>e_name_index bit 7: the low 7 bits index the long prefix table.</summary>
    public const byte LongPrefixFlag = 0x80;
    /// <summary>Seed base of the name bloom filter hash (EROFS_XATTR_FILTER_SEED).</summary>
    public const uint FilterSeed = 0x25BBE08F;
    /// <summary>Number of bits in the name bloom filter.</summary>
    public const int FilterBits = 32;

    /// <summary>Short prefixes by e_name_index (index 0: none; 2 and 3 are whole names).</summary>
    public static string? ShortPrefix(int index) => index switch
    {
        0 => "",
        1 => "user.",
        2 => "system.posix_acl_access",
        3 => "system.posix_acl_default",
        4 => "trusted.",
        5 => "lustre.",
        6 => "security.",
        _ => null,
    };

    /// <summary>Padded size of an entry with the given name and value lengths.</summary>
    public static int EntryTotalSize(int nameLength, int valueSize) => (EntrySize + nameLength + valueSize + 3) & ~3;
}
