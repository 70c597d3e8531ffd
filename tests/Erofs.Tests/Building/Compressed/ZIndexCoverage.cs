using Erofs.Building.Compressed;

namespace Erofs.Tests.Building.Compressed;

/// <summary>
/// Tallies which index-format cases a set of <see cref="CompressedFileMap"/>s exercises, so the corpus
/// oracle can show that a match is not vacuous (2-byte packs at every alignment, CBLKCNT, the EOF
/// PLAIN entry, pack-final delta1, inline and fragment tails...).
/// </summary>
internal sealed class ZIndexCoverage
{
    private readonly SortedDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, int> Counts => _counts;

    public int this[string feature] => _counts.GetValueOrDefault(feature);

    public void Add(CompressedFileMap map, ZIndexFormat format, int inodeAndXattrSize)
    {
        if (map.IsWholeFileFragment)
        {
            Count("whole-file fragment");
            return;
        }
        Count(format.IsCompact ? "compact" : "full");
        var entries = LclusterEntryPlanner.Plan(map, format);
        if (format.IsCompact)
            AddPacks(entries, CompactRegions.Of(entries.Length, ZIndexSize.IndexStart(inodeAndXattrSize), format.Uses2BPacks));
        foreach (var e in map.Extents)
            AddExtent(e);
        if (entries.Any(e => e.IsBlockCount))
            Count("CBLKCNT entry");
        if (entries.Any(e => !e.IsHead && !e.IsBlockCount && e.Delta0 == LclusterEntry.MaxDistance))
            Count("delta0 clamped");
        if (map.InterlacedUncompressed)
            Count("interlaced advise");
        if (entries.Length > 0 && map.Tail.Start < (long)(entries.Length - 1) << format.LclusterBits)
            Count(entries[^1].IsHead ? "EOF PLAIN entry" : "tail ends on an lcluster boundary");
    }

    private void AddExtent(CompressedExtent e)
    {
        Count(e.Placement switch
        {
            PclusterPlacement.Inline => e.Format == PclusterFormat.Uncompressed ? "inline uncompressed tail" : "inline compressed tail",
            PclusterPlacement.Fragment => "fragment tail",
            _ => e.Format == PclusterFormat.Uncompressed ? "uncompressed pcluster" : "compressed pcluster",
        });
        if (e.BlockCount > 1)
            Count("pcluster of several blocks");
        if (e.Format == PclusterFormat.Head2)
            Count("HEAD2 pcluster");
        if (e.FragmentOffset > uint.MaxValue)
            Count("fragment offset beyond 32 bits");
        if (e.Shared)
            Count("shared (dedupe)");
        if (e.Partial)
            Count("partial reference");
    }

    private void AddPacks(LclusterEntry[] entries, CompactRegions regions)
    {
        Count($"compact, {regions.Initial4B} initial 4B entries");
        if (regions.Compact2B > 0)
            Count("2B packs");
        if (regions.End4B % 2 == 1)
            Count("odd last 4B pack (dummy entry)");
        // The last entry of each pack: a plain NONHEAD there stores delta1.
        var ends = new List<long>();
        for (long i = CompactRegions.EntriesPer4BPack; i <= regions.Initial4B; i += CompactRegions.EntriesPer4BPack)
            ends.Add(i - 1);
        for (long i = CompactRegions.EntriesPer2BPack; i <= regions.Compact2B; i += CompactRegions.EntriesPer2BPack)
            ends.Add(regions.Initial4B + i - 1);
        for (long i = CompactRegions.EntriesPer4BPack; i <= regions.End4B; i += CompactRegions.EntriesPer4BPack)
            ends.Add(regions.Initial4B + regions.Compact2B + i - 1);
        foreach (long end in ends.Where(e => e < entries.Length))
        {
            if (!entries[end].IsHead && !entries[end].IsBlockCount)
                Count(entries[end].Delta1 > LclusterEntry.MaxDistance ? "pack-final delta1 clamped" : "pack-final NONHEAD stores delta1");
        }
    }

    /// <summary>Counts a case the oracle noticed itself.</summary>
    public void Add(string feature) => Count(feature);

    private void Count(string feature) => _counts[feature] = _counts.GetValueOrDefault(feature) + 1;

    public override string ToString() => string.Join(", ", _counts.Select(kv => $"{kv.Key}: {kv.Value}"));
}
