namespace Erofs.Building.Compressed;

/// <summary>
/// How compact indexes split into packs (erofs-format.md §8.4): <see cref="Initial4B"/> entries in
/// 4-byte packs until the 2-byte region can start 32-byte aligned, <see cref="Compact2B"/> entries in
/// 2-byte packs (16 per 32 bytes), and <see cref="End4B"/> entries in 4-byte packs. The split depends on
/// the absolute position of the first entry, which is why the inode and xattr sizes matter.
/// </summary>
internal readonly record struct CompactRegions(long Initial4B, long Compact2B, long End4B)
{
    /// <summary>Entries in a 4-byte pack (8 bytes: two 16-bit entries and a le32 base).</summary>
    public const int EntriesPer4BPack = 2;
    /// <summary>Entries in a 2-byte pack (32 bytes: sixteen 14-bit entries and a le32 base).</summary>
    public const int EntriesPer2BPack = 16;
    /// <summary>Bytes of a 4-byte pack.</summary>
    public const int Pack4BSize = 8;
    /// <summary>Bytes of a 2-byte pack.</summary>
    public const int Pack2BSize = 32;

    /// <param name="lclusterCount">Entries to store.</param>
    /// <param name="indexStart">Absolute position of the first entry (8-byte aligned; only its value mod 32 matters).</param>
    /// <param name="uses2B">Advise COMPACTED_2B.</param>
    public static CompactRegions Of(long lclusterCount, long indexStart, bool uses2B)
    {
        if (!uses2B)
            return new(0, 0, lclusterCount);
        long initial = ((Pack2BSize - indexStart % Pack2BSize) / 4) & 7;
        if (initial > lclusterCount)
            return new(0, 0, lclusterCount);
        long compact2 = (lclusterCount - initial) / EntriesPer2BPack * EntriesPer2BPack;
        return new(initial, compact2, lclusterCount - initial - compact2);
    }

    /// <summary>Bytes of all packs (without the map header).</summary>
    public long Size => Initial4B * 4 + Compact2B * 2 + (End4B + 1) / 2 * Pack4BSize;
}
