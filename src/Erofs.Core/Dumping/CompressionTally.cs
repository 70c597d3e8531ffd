using Erofs.Reading;

namespace Erofs.Dumping;

/// <summary>
/// Adds up extents into a <see cref="CompressionSummary"/>: each distinct physical range counts
/// once as a pcluster, and stored bytes are the union of the ranges, so bytes that several ranges
/// cover count once (the definition is on <see cref="CompressionSummary"/>). Memory grows with
/// the distinct ranges; callers bound the number of extents they feed in.
/// </summary>
internal sealed class CompressionTally(int blockSizeBits)
{
    // Spaces of inline data: the primary metadata (image) and the metabox content.
    private const int ImageMetadata = -1;
    private const int MetaboxMetadata = -2;

    private readonly record struct RangeKey(int Space, ExtentKind Kind, long Offset, long Length);

    private readonly record struct RangeUse(ExtentEncoding Encoding, bool Packed);

    private sealed class Counters
    {
        public long Extents, Pclusters, Logical;
    }

    private readonly Dictionary<RangeKey, RangeUse> _ranges = [];
    private readonly HashSet<(long Offset, long Length)> _fragments = [];
    private readonly SortedDictionary<ExtentEncoding, Counters> _encodings = [];
    private long _logical, _extents, _pclusters, _partial, _fragmentExtents, _fragmentBytes, _holeExtents, _holeBytes, _packedExtents;
    private bool _complete = true;

    /// <summary>Distinct (offset, length) ranges of the packed inode that file fragments use.</summary>
    public IReadOnlyCollection<(long Offset, long Length)> FragmentRanges => _fragments;

    /// <summary>Records that some extents were not counted.</summary>
    public void MarkIncomplete() => _complete = false;

    /// <summary>Counts one extent of a file of inode <paramref name="nid"/>: its logical bytes, and its range when new.</summary>
    public void AddFileExtent(in Extent e, ulong nid)
    {
        long length = Math.Max(0, e.Length);
        _extents++;
        _logical = Add(_logical, length);
        if (e.IsPartial)
            _partial++;
        switch (e.Kind)
        {
            case ExtentKind.Hole:
                _holeExtents++;
                _holeBytes = Add(_holeBytes, length);
                return;
            case ExtentKind.Fragment:
                _fragmentExtents++;
                _fragmentBytes = Add(_fragmentBytes, length);
                _fragments.Add((e.PhysicalOffset, length));
                return;
        }
        var counters = CountersOf(e.Encoding);
        counters.Extents++;
        counters.Logical = Add(counters.Logical, length);
        AddRange(e, nid, counters, packed: false);
    }

    /// <summary>Counts the range of one extent of the packed inode: storage only, its bytes belong to other files.</summary>
    public void AddPackedExtent(in Extent e, ulong nid)
    {
        _packedExtents++;
        if (e.Kind is ExtentKind.Hole or ExtentKind.Fragment)
            return;
        AddRange(e, nid, CountersOf(e.Encoding), packed: true);
    }

    /// <summary>The summary so far; <paramref name="withPacked"/> for an image (reports <see cref="CompressionSummary.PackedStoredBytes"/>).</summary>
    public CompressionSummary Build(bool withPacked) => new()
    {
        LogicalBytes = _logical,
        StoredBytes = UnionBytes(_ranges.Keys),
        Extents = _extents,
        Pclusters = _pclusters,
        PartialExtents = _partial,
        FragmentExtents = _fragmentExtents,
        FragmentBytes = _fragmentBytes,
        HoleExtents = _holeExtents,
        HoleBytes = _holeBytes,
        PackedExtents = withPacked ? _packedExtents : null,
        PackedStoredBytes = withPacked ? UnionBytes(_ranges.Where(r => r.Value.Packed).Select(r => r.Key)) : null,
        Encodings = _encodings.Select(p => new EncodingUsage(p.Key, p.Value.Extents, p.Value.Pclusters,
            UnionBytes(_ranges.Where(r => r.Value.Encoding == p.Key).Select(r => r.Key)), p.Value.Logical)).ToList(),
        IsComplete = _complete,
    };

    // A range met before (a shared pcluster or chunk) is neither a new pcluster nor new bytes.
    private void AddRange(in Extent e, ulong nid, Counters counters, bool packed)
    {
        int space = e.Kind == ExtentKind.Inline ? ((nid >> 63) != 0 ? MetaboxMetadata : ImageMetadata) : e.Device;
        if (!_ranges.TryAdd(new RangeKey(space, e.Kind, e.PhysicalOffset, StoredLength(e)), new RangeUse(e.Encoding, packed)))
            return;
        _pclusters++;
        counters.Pclusters++;
    }

    // Bytes covered by the ranges, per space: overlapping ranges (a chunk that is a prefix of
    // another file's chunk run) count their common bytes once.
    private static long UnionBytes(IEnumerable<RangeKey> ranges)
    {
        long total = 0;
        foreach (var space in ranges.GroupBy(r => r.Space))
        {
            long end = long.MinValue;
            // Offsets are never negative in practice; clamping keeps the saturating sums sound.
            foreach (var r in space.OrderBy(r => r.Offset))
            {
                long offset = Math.Max(0, r.Offset);
                long start = Math.Max(offset, end);
                long rangeEnd = Add(offset, r.Length);
                if (rangeEnd <= start)
                    continue;
                total = Add(total, rangeEnd - start);
                end = rangeEnd;
            }
        }
        return total;
    }

    // Plain data of flat and chunk-based files occupies whole blocks; everything else its exact length.
    private long StoredLength(in Extent e)
    {
        long length = Math.Max(0, e.PhysicalLength);
        if (e.Kind != ExtentKind.Plain || e.Encoding != ExtentEncoding.None)
            return length;
        long mask = (1L << blockSizeBits) - 1;
        return length > long.MaxValue - mask ? long.MaxValue & ~mask : (length + mask) & ~mask;
    }

    private Counters CountersOf(ExtentEncoding encoding)
    {
        if (!_encodings.TryGetValue(encoding, out var counters))
            _encodings[encoding] = counters = new Counters();
        return counters;
    }

    private static long Add(long total, long value) => value > long.MaxValue - total ? long.MaxValue : total + value;
}
