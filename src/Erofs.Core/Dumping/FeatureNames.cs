using Erofs.Format;

namespace Erofs.Dumping;

/// <summary>
/// Names of superblock feature bits as dump.erofs prints them. Bits that carry two meanings list
/// both names (0x002: compr_cfgs and big_pcluster; 0x020: fragments and dedupe); bits this
/// table does not know are given as hex (for example <c>0x400</c>).
/// </summary>
public static class FeatureNames
{
    private static readonly (uint Bit, string Name)[] CompatTable =
    [
        (0x01, "sb_csum"),
        (0x02, "mtime"),
        (0x04, "xattr_filter"),
        (0x08, "shared_ea_in_metabox"),
        (0x10, "plain_xattr_pfx"),
        (0x20, "ishare_xattrs"),
    ];

    private static readonly (uint Bit, string Name)[] IncompatTable =
    [
        (0x001, "lz4_0padding"),
        (0x002, "compr_cfgs"),
        (0x002, "big_pcluster"),
        (0x004, "chunked_file"),
        (0x008, "device_table"),
        (0x010, "ztailpacking"),
        (0x020, "fragments"),
        (0x020, "dedupe"),
        (0x040, "xattr_prefixes"),
        (0x080, "48bit"),
        (0x100, "metabox"),
    ];

    /// <summary>Names of the set feature_compat bits, in bit order.</summary>
    public static IReadOnlyList<string> Compat(FeatureCompat bits) => Names((uint)bits, CompatTable);

    /// <summary>Names of the set feature_incompat bits, in bit order.</summary>
    public static IReadOnlyList<string> Incompat(FeatureIncompat bits) => Names((uint)bits, IncompatTable);

    private static List<string> Names(uint bits, (uint Bit, string Name)[] table)
    {
        var names = new List<string>();
        uint known = 0;
        foreach (var (bit, name) in table)
        {
            known |= bit;
            if ((bits & bit) != 0)
                names.Add(name);
        }
        for (int i = 0; i < 32; i++)
        {
            uint bit = 1u << i;
            if ((bits & bit & ~known) != 0)
                names.Add($"0x{bit:x}");
        }
        return names;
    }
}
