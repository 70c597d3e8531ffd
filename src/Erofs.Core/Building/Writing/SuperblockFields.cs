namespace Erofs.Building.Writing;

/// <summary>The values the builder decides for the superblock (everything else is fixed or zero).</summary>
internal sealed record SuperblockFields
{
    public required int BlockSizeBits { get; init; }
    public required Format.FeatureCompat Compat { get; init; }
    public required Format.FeatureIncompat Incompat { get; init; }
    public required ulong RootNid { get; init; }
    public required ulong InodeCount { get; init; }
    public required long EpochSeconds { get; init; }
    public required uint FixedNanoseconds { get; init; }
    public required ulong Blocks { get; init; }
    public required uint XattrBlock { get; init; }
    public required byte[] Uuid { get; init; }
    public required byte[] VolumeName { get; init; }
    public required ushort ExtraDevices { get; init; }
    public required ushort DeviceTableSlot { get; init; }
    public required byte XattrPrefixCount { get; init; }
    public required uint XattrPrefixStart { get; init; }
    public required byte FingerprintPrefixId { get; init; }
    /// <summary>available_compr_algs with COMPR_CFGS, lz4_max_distance without (0 on plain images).</summary>
    public ushort U1 { get; init; }
    /// <summary>nid of the packed inode (fragments), 0 without one.</summary>
    public ulong PackedNid { get; init; }
}
