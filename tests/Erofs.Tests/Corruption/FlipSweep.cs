using System.Diagnostics;
using System.Text;
using Xunit.Abstractions;

namespace Erofs.Tests.Corruption;

/// <summary>
/// Runs one walk per flip on worker threads (each with its own copy of the image, the byte restored
/// after each trial) with a watchdog: a trial running past the deadline is reported as a hang.
/// </summary>
internal static class FlipSweep
{
    public static SweepResult Run(string imageName, IReadOnlyList<Flip> flips, int thoroughEvery, TimeSpan trialTimeout)
    {
        var result = new SweepResult { Trials = flips.Count };
        int workers = Math.Clamp(Environment.ProcessorCount, 1, 4);
        int next = -1;
        var started = new long[workers];
        var current = new Flip[workers];
        var clock = Stopwatch.StartNew();
        var threads = Enumerable.Range(0, workers).Select(w => new Thread(() =>
        {
            var image = HostileImage.Load(imageName);
            int i;
            while ((i = Interlocked.Increment(ref next)) < flips.Count)
            {
                var flip = flips[i];
                current[w] = flip;
                Volatile.Write(ref started[w], clock.ElapsedTicks + 1); // 0 means idle
                image.Xor(flip.Offset, flip.Mask);
                try
                {
                    var report = ImageWalk.Run(image, HostileImage.NoChecksum, thorough: flip.Trial % thoroughEvery == 0);
                    Record(result, report, flip);
                }
                catch (Exception e)
                {
                    lock (result)
                        result.Violations.Add((flip, e));
                }
                finally
                {
                    image.Xor(flip.Offset, flip.Mask);
                    Volatile.Write(ref started[w], 0);
                }
            }
        }) { IsBackground = true, Name = $"flip sweep {w}" }).ToList();
        threads.ForEach(t => t.Start());
        while (!threads.TrueForAll(t => t.Join(100)))
        {
            for (int w = 0; w < workers; w++)
            {
                long since = Volatile.Read(ref started[w]);
                if (since != 0 && TimeSpan.FromTicks((clock.ElapsedTicks - since) * TimeSpan.TicksPerSecond / Stopwatch.Frequency) > trialTimeout)
                {
                    // The hung thread is abandoned (background); report the flip that caused it.
                    lock (result)
                        result.Violations.Add((current[w], new TimeoutException($"walk did not finish within {trialTimeout.TotalSeconds} s")));
                    result.Elapsed = clock.Elapsed;
                    return result;
                }
            }
        }
        result.Elapsed = clock.Elapsed;
        return result;
    }

    private static void Record(SweepResult result, WalkReport report, Flip flip)
    {
        lock (result)
        {
            foreach (var e in report.All.OfType<ErofsContentException>().Where(e => e.Nid is null && e.Offset is null))
                result.Unlocated.TryAdd(e.Reason, flip);
            if (report.OpenFailure is not null)
                result.OpenRefused++;
            else if (report.Failures.Count > 0)
                result.WalkFailures++;
            else if (!report.Clean)
                result.FsckOnly++;
            else
                result.Clean++;
            if (report.Extract is not null)
                result.Extracted++;
        }
    }

    /// <summary>
    /// Reproducible flips: a share of them in the global structures (superblock, device and prefix
    /// tables), the rest spread over inodes, xattrs, chunk tables and directory blocks by length.
    /// Masks alternate between 0xFF and a random non-zero byte.
    /// </summary>
    public static List<Flip> Plan(HostileImage pristine, int count, int seed, double globalShare = 0.1)
    {
        var (global, perInode) = MetadataMap.Build(pristine);
        perInode = [.. perInode.Distinct()];
        var random = new Random(seed);
        var flips = new List<Flip>(count);
        for (int t = 0; t < count; t++)
        {
            var ranges = random.NextDouble() < globalShare ? global : perInode;
            var range = PickByLength(ranges, random);
            long offset = range.Start + random.NextInt64(range.Length);
            byte mask = t % 2 == 0 ? (byte)0xFF : (byte)random.Next(1, 256);
            flips.Add(new Flip(t, offset, mask, range.What));
        }
        return flips;
    }

    private static MetadataRange PickByLength(List<MetadataRange> ranges, Random random)
    {
        long total = ranges.Sum(r => r.Length);
        long pick = random.NextInt64(total);
        foreach (var r in ranges)
        {
            if (pick < r.Length)
                return r;
            pick -= r.Length;
        }
        return ranges[^1];
    }

    /// <summary>
    /// The sweep's rule: no flip let a disallowed exception escape or hang, and every content error
    /// names a nid or an offset. Unlocated errors are also written to the test output.
    /// </summary>
    public static void AssertOnlyAllowedAndLocated(SweepResult result, ITestOutputHelper output)
    {
        foreach (var (reason, flip) in result.Unlocated)
            output.WriteLine($"content error without nid or offset: {reason} ({flip})");
        Assert.True(result.Violations.Count == 0, Describe(result));
        Assert.True(result.Unlocated.Count == 0, $"content errors that name neither nid nor offset: {string.Join("; ", result.Unlocated.Keys)}");
    }

    private static string Describe(SweepResult result)
    {
        var text = new StringBuilder($"{result.Violations.Count} flips broke the rule:\n");
        foreach (var (flip, error) in result.Violations.OrderBy(v => v.Flip.Trial).Take(8))
            text.Append(flip).Append('\n').Append(error).Append("\n\n");
        return text.ToString();
    }
}
