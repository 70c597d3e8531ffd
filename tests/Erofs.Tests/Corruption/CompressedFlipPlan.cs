namespace Erofs.Tests.Corruption;

/// <summary>
/// Reproducible single-byte flips for compressed images: most in the map headers and index areas
/// of compressed inodes, some in their inode cores and the superblock's compression fields, and a
/// share in the stored pclusters. Masks alternate between 0xFF and a random non-zero byte.
/// </summary>
internal static class CompressedFlipPlan
{
    // Shares of the metadata flips; the rest of the metadata flips hit the index areas.
    private const double GlobalShare = 0.08;
    private const double InodeCoreShare = 0.07;
    private const double HeaderShare = 0.35;

    /// <summary>Bytes after a pcluster's leading zeros where half of the data flips land (stream headers, first tokens).</summary>
    private const int StreamHead = 32;

    /// <summary><paramref name="metadata"/> metadata flips (trials 0..) then <paramref name="data"/> pcluster flips.</summary>
    public static List<Flip> Plan(HostileImage pristine, int metadata, int data, int seed)
    {
        var map = CompressedMetadataMap.Build(pristine);
        var random = new Random(seed);
        var flips = new List<Flip>(metadata + data);
        for (int t = 0; t < metadata; t++)
        {
            double pick = random.NextDouble();
            var ranges = pick < GlobalShare ? map.Global
                : pick < GlobalShare + InodeCoreShare ? map.InodeCores
                : pick < GlobalShare + InodeCoreShare + HeaderShare ? map.Headers
                : map.Indexes;
            var range = PickByLength(ranges.Count > 0 ? ranges : map.Headers, random);
            flips.Add(new Flip(t, range.Start + random.NextInt64(range.Length), Mask(t, random), range.What));
        }
        for (int t = metadata; t < metadata + data; t++)
        {
            // Uniform over pclusters (a 64 KiB one must not take every flip).
            var range = map.Pclusters[random.Next(map.Pclusters.Count)];
            long offset = t % 2 == 0 ? StreamStart(pristine, range) + random.Next(StreamHead) : range.Start + random.NextInt64(range.Length);
            flips.Add(new Flip(t, Math.Min(offset, range.Start + range.Length - 1), Mask(t, random), range.What));
        }
        return flips;
    }

    private static byte Mask(int trial, Random random) => trial % 2 == 0 ? (byte)0xFF : (byte)random.Next(1, 256);

    // With 0padding the stream is right-aligned: skip the leading zeros.
    private static long StreamStart(HostileImage image, MetadataRange range)
    {
        long at = range.Start;
        while (at < range.Start + range.Length - 1 && image.Bytes[at] == 0)
            at++;
        return at;
    }

    private static MetadataRange PickByLength(List<MetadataRange> ranges, Random random)
    {
        long pick = random.NextInt64(ranges.Sum(r => r.Length));
        foreach (var r in ranges)
        {
            if (pick < r.Length)
                return r;
            pick -= r.Length;
        }
        return ranges[^1];
    }
}
