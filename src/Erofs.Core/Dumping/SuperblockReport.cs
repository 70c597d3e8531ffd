using Erofs.Format;
using Erofs.Reading;

namespace Erofs.Dumping;

/// <summary>One entry of the device table.</summary>
/// <param name="Index">Device id (1 = first extra device).</param>
/// <param name="Tag">The tag (often a blob digest or path), up to its first NUL.</param>
/// <param name="Blocks">Size of the device in blocks.</param>
/// <param name="UnifiedAddress">First block of the device in the unified address space (0 = not mapped).</param>
public sealed record DeviceReport(int Index, string Tag, ulong Blocks, ulong UnifiedAddress);

/// <summary>The superblock and its features, as <c>dump.erofs -s</c> shows them.</summary>
public sealed record SuperblockReport
{
    /// <summary>The magic number (0xE0F5E1E2).</summary>
    public required uint Magic { get; init; }
    /// <summary>Block size in bytes.</summary>
    public required int BlockSize { get; init; }
    /// <summary>Blocks of the primary device.</summary>
    public required ulong Blocks { get; init; }
    /// <summary>Number of inodes the superblock claims.</summary>
    public required ulong InodeCount { get; init; }
    /// <summary>Nid of the root directory.</summary>
    public required ulong RootNid { get; init; }
    /// <summary>meta_blkaddr: first block of the inode area.</summary>
    public required uint MetaBlockAddress { get; init; }
    /// <summary>xattr_blkaddr: first block of the shared xattr area.</summary>
    public required uint XattrBlockAddress { get; init; }
    /// <summary>The UUID in 8-4-4-4-12 form.</summary>
    public required string Uuid { get; init; }
    /// <summary>The volume label (empty when none).</summary>
    public required string VolumeName { get; init; }
    /// <summary>epoch: base seconds of compact inode times.</summary>
    public required ulong Epoch { get; init; }
    /// <summary>build_time: seconds after <see cref="Epoch"/>.</summary>
    public required uint BuildTime { get; init; }
    /// <summary>fixed_nsec: nanoseconds of every compact inode time.</summary>
    public required uint FixedNanoseconds { get; init; }
    /// <summary>Creation time, seconds since the Unix epoch (epoch + build_time).</summary>
    public required ulong CreationTime { get; init; }
    /// <summary>Creation time as ISO-8601 UTC (see <see cref="DumpFormat.UnixTime(ulong)"/>).</summary>
    public required string CreationTimeText { get; init; }
    /// <summary>The stored superblock checksum (meaningful when <see cref="HasChecksum"/>).</summary>
    public required uint Checksum { get; init; }
    /// <summary>True when the sb_csum feature is set.</summary>
    public required bool HasChecksum { get; init; }
    /// <summary>True when the checksum was present and verified while opening the image.</summary>
    public required bool ChecksumVerified { get; init; }
    /// <summary>Raw feature_compat bits.</summary>
    public required uint FeatureCompat { get; init; }
    /// <summary>Raw feature_incompat bits.</summary>
    public required uint FeatureIncompat { get; init; }
    /// <summary>Names of the compatible features (<see cref="FeatureNames.Compat"/>).</summary>
    public required IReadOnlyList<string> CompatFeatures { get; init; }
    /// <summary>Names of the incompatible features (<see cref="FeatureNames.Incompat"/>).</summary>
    public required IReadOnlyList<string> IncompatFeatures { get; init; }
    /// <summary>Number of 16-byte superblock extension slots.</summary>
    public required int ExtensionSlots { get; init; }
    /// <summary>Compression algorithms the image may use (with compr_cfgs), else empty.</summary>
    public required IReadOnlyList<string> CompressionAlgorithms { get; init; }
    /// <summary>lz4_max_distance (without compr_cfgs), else null.</summary>
    public required int? Lz4MaxDistance { get; init; }
    /// <summary>The extra devices.</summary>
    public required IReadOnlyList<DeviceReport> Devices { get; init; }
    /// <summary>Nid of the packed (fragments) inode, or null.</summary>
    public required ulong? PackedNid { get; init; }
    /// <summary>Nid of the metabox inode, or null.</summary>
    public required ulong? MetaboxNid { get; init; }
    /// <summary>Full name of the fingerprint xattr (ishare_xattrs), or null.</summary>
    public required string? FingerprintXattrName { get; init; }
    /// <summary>The long xattr name prefixes, in table order.</summary>
    public required IReadOnlyList<string> LongXattrPrefixes { get; init; }
    /// <summary>What could not be read (for example a corrupt prefix table); empty when all is well.</summary>
    public required IReadOnlyList<string> Problems { get; init; }

    private static readonly string[] AlgorithmNames = ["lz4", "lzma", "deflate", "zstd"];

    /// <summary>Builds the report from an open image; never reads file data.</summary>
    public static SuperblockReport Create(ErofsImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var sb = image.Superblock;
        var problems = new List<string>();
        bool csum = (sb.FeatureCompat & Format.FeatureCompat.SuperblockChecksum) != 0;
        bool cfgs = (sb.FeatureIncompat & Format.FeatureIncompat.ComprCfgs) != 0;
        return new SuperblockReport
        {
            Magic = sb.Magic,
            BlockSize = sb.BlockSize,
            Blocks = sb.Blocks,
            InodeCount = sb.InodeCount,
            RootNid = sb.RootNid,
            MetaBlockAddress = sb.MetaBlockAddress,
            XattrBlockAddress = sb.XattrBlockAddress,
            Uuid = sb.UuidText,
            VolumeName = sb.VolumeName,
            Epoch = sb.Epoch,
            BuildTime = sb.BuildTime,
            FixedNanoseconds = sb.FixedNanoseconds,
            CreationTime = sb.CreationTime,
            CreationTimeText = DumpFormat.UnixTime(sb.CreationTime),
            Checksum = sb.Checksum,
            HasChecksum = csum,
            ChecksumVerified = csum && image.Options.VerifySuperblockChecksum,
            FeatureCompat = (uint)sb.FeatureCompat,
            FeatureIncompat = (uint)sb.FeatureIncompat,
            CompatFeatures = FeatureNames.Compat(sb.FeatureCompat),
            IncompatFeatures = FeatureNames.Incompat(sb.FeatureIncompat),
            ExtensionSlots = sb.ExtensionSlots,
            CompressionAlgorithms = cfgs ? Algorithms(sb.U1) : [],
            Lz4MaxDistance = cfgs ? null : sb.U1,
            Devices = image.Devices.Select((d, i) => new DeviceReport(i + 1, d.TagText, d.Blocks, d.UnifiedAddress)).ToList(),
            PackedNid = sb.PackedNid != 0 ? sb.PackedNid : null,
            MetaboxNid = image.Metabox?.Nid,
            FingerprintXattrName = Attempt(() => image.FingerprintXattrName, problems, "fingerprint xattr name"),
            LongXattrPrefixes = Attempt(() => image.LongPrefixes.Select(p => p.FullPrefix).ToList(), problems, "long xattr prefixes") ?? [],
            Problems = problems,
        };
    }

    private static List<string> Algorithms(ushort mask)
    {
        var names = new List<string>();
        for (int i = 0; i < 16; i++)
        {
            if ((mask & (1 << i)) != 0)
                names.Add(i < AlgorithmNames.Length ? AlgorithmNames[i] : $"algorithm_{i}");
        }
        return names;
    }

    // The prefix table is read lazily from image content, so a corrupt one must not sink the whole report.
    private static T? Attempt<T>(Func<T?> read, List<string> problems, string what) where T : class
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is ErofsContentException or NotSupportedException or IOException)
        {
            problems.Add($"{what}: {e.Message}");
            return null;
        }
    }
}
