using Erofs.Format;

namespace Erofs.Dumping;

public sealed partial class ErofsUtilsTextWriter
{
    // dump.erofs's feature list: name, and the upstream kernel (major * 100 + minor) that first
    // reads it. Compatible features need none. Bits it does not list are not printed.
    private static readonly (uint Bit, int Kernel, string Name)[] CompatFeatures =
    [
        (0x01, 0, "sb_csum"),
        (0x02, 0, "mtime"),
        (0x04, 0, "xattr_filter"),
        (0x08, 0, "shared_ea_in_metabox"),
        (0x10, 0, "plain_xattr_pfx"),
        (0x20, 0, "ishare_xattrs"),
    ];

    private static readonly (uint Bit, int Kernel, string Name)[] IncompatFeatures =
    [
        (0x001, 504, "lz4_0padding"),
        (0x002, 513, "compr_cfgs"),
        (0x002, 513, "big_pcluster"),
        (0x004, 515, "chunked_file"),
        (0x008, 516, "device_table"),
        (0x010, 517, "ztailpacking"),
        (0x020, 601, "fragments"),
        (0x020, 601, "dedupe"),
        (0x040, 604, "xattr_prefixes"),
        (0x080, 615, "48bit"),
        (0x100, 617, "metabox"),
    ];

    // Algorithms in dump.erofs's listing order, with the kernel that first decompresses them (lz4: always).
    private static readonly (string Name, int Kernel)[] Algorithms = [("lz4", 0), ("lzma", 516), ("deflate", 606), ("zstd", 610)];

    /// <summary>Writes <c>dump.erofs -s</c>: the superblock lines, features and required kernel.</summary>
    public void WriteSuperblock(SuperblockReport r)
    {
        ArgumentNullException.ThrowIfNull(r);
        // total_blocks: the primary device and every extra device.
        ulong blocks = r.Devices.Aggregate(r.Blocks, (sum, d) => unchecked(sum + d.Blocks));
        Line($"Filesystem magic number:                      0x{Superblock.MagicValue:X4}");
        Line($"Filesystem blocksize:                         {Num(r.BlockSize)}");
        Line($"Filesystem blocks:                            {Num(blocks)}");
        Line($"Filesystem inode metadata start block:        {Num(r.MetaBlockAddress)}");
        Line($"Filesystem shared xattr metadata start block: {Num(r.XattrBlockAddress)}");
        Line($"Filesystem root nid:                          {Num(r.RootNid)}");
        if ((r.FeatureIncompat & (uint)FeatureIncompat.Fragments) != 0 && r.PackedNid is { } packed)
            Line($"Filesystem packed nid:                        {Num(packed)}");
        if ((r.FeatureIncompat & (uint)FeatureIncompat.Metabox) != 0)
            Line($"Filesystem metabox nid:                       {Num(r.MetaboxNid ?? 0)}");
        if ((r.FeatureIncompat & (uint)FeatureIncompat.ComprCfgs) != 0)
            Line($"Filesystem compr_algs:                        {string.Join(", ", KnownAlgorithms(r))}");
        else
            Line($"Filesystem lz4_max_distance:                  {Num(r.Lz4MaxDistance ?? 0)}");
        Line($"Filesystem sb_size:                           {Num(Superblock.CoreSize + 16 * r.ExtensionSlots)}");
        Line($"Filesystem inode count:                       {Num(r.InodeCount)}");
        // ctime() ends with its own newline; a time glibc cannot convert prints "(null)" without one.
        Write($"Filesystem created:                           {CTime.Ctime(unchecked((long)r.CreationTime), TimeZone) ?? "(null)"}");
        Write("Filesystem compatible features:               ");
        int kernel = WriteFeatures(r.FeatureCompat, CompatFeatures);
        Write("\nFilesystem incompatible features:             ");
        kernel = Math.Max(kernel, WriteFeatures(r.FeatureIncompat, IncompatFeatures));
        Write($"\nFilesystem UUID:                              {r.Uuid}");
        foreach (var (name, needs) in Algorithms)
        {
            if (r.CompressionAlgorithms.Contains(name))
                kernel = Math.Max(kernel, needs);
        }
        Write(kernel != 0 ? $"\nRequired upstream Linux kernel version:       {kernel / 100}.{kernel % 100}\n" : "\n");
    }

    // Each name is followed by a space, the last one too.
    private int WriteFeatures(uint bits, (uint Bit, int Kernel, string Name)[] table)
    {
        int kernel = 0;
        foreach (var (bit, needs, name) in table)
        {
            if ((bits & bit) == 0)
                continue;
            Write(name + " ");
            kernel = Math.Max(kernel, needs);
        }
        return kernel;
    }

    private static IEnumerable<string> KnownAlgorithms(SuperblockReport r) =>
        Algorithms.Select(a => a.Name).Where(r.CompressionAlgorithms.Contains);
}
