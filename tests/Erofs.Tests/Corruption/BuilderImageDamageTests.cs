using System.Diagnostics;
using System.Text;
using Erofs.Checking;
using Xunit.Abstractions;

namespace Erofs.Tests.Corruption;

/// <summary>
/// Damages sampled metadata bytes of small images our builder (and mkfs.erofs 1.5, for compressed
/// ones) makes, and runs fsck with every byte of data read on each: it either succeeds, reports
/// issues, or refuses the image with the content exception or NotSupportedException. Anything else,
/// or a trial that runs past a generous deadline (a hang check, not a speed check), fails.
/// </summary>
public sealed class BuilderImageDamageTests(ITestOutputHelper output)
{
    private const int Seed = 7_2025;
    private const int Trials = 1000;
    private static readonly TimeSpan TrialTimeout = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData("inline")]
    [InlineData("plain")]
    [InlineData("chunked")]
    [InlineData("chunked-indexes")]
    [InlineData("xattrs")]
    [InlineData("mkfs15-lz4hc")]
    [InlineData("mkfs15-lz4-ztailpacking")]
    public void FsckOfDamagedMetadataOnlyReportsOrRefuses(string variant)
    {
        var pristine = HostileImage.FromBytes(variant, BuilderImages.Make(variant));
        Assert.True(pristine.Bytes.Length <= 128 << 10, $"{variant} is {pristine.Bytes.Length} bytes; the sweep wants small images");
        Assert.Empty(Fsck(pristine.Bytes));
        var flips = variant.StartsWith("mkfs15", StringComparison.Ordinal)
            ? CompressedFlipPlan.Plan(pristine, Trials * 4 / 5, Trials / 5, Seed)
            : FlipSweep.Plan(pristine, Trials, Seed);
        var damages = flips.Select(f => Damage.From(f, pristine.Bytes)).ToList();
        var (outcomes, violations, elapsed) = Sweep(pristine.Bytes, damages);
        output.WriteLine($"{variant} ({pristine.Bytes.Length} bytes): {flips.Count} flips in {elapsed.TotalSeconds:F1} s: "
            + string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}")));
        Assert.True(violations.Count == 0, Describe(violations));
    }

    // fsck as `erofs fsck --extract` runs it: structure, then every byte of every file.
    private static IReadOnlyList<CheckIssue> Fsck(byte[] bytes)
    {
        using var image = HostileImage.FromBytes("trial", bytes).Open(HostileImage.NoChecksum);
        return new ImageChecker(image, new CheckOptions { ReadAllData = true, VerifyFingerprints = true }).Check();
    }

    private static string Outcome(byte[] bytes)
    {
        try
        {
            return Fsck(bytes).Count == 0 ? "clean" : "issues";
        }
        catch (ErofsContentException)
        {
            return "refused";
        }
        catch (NotSupportedException)
        {
            return "unsupported";
        }
    }

    // Two workers, each with its own copy of the image; a watchdog reports a trial past the deadline.
    private static (Dictionary<string, int> Outcomes, List<(Damage, Exception)> Violations, TimeSpan Elapsed) Sweep(byte[] pristine, List<Damage> flips)
    {
        var outcomes = new Dictionary<string, int>();
        var violations = new List<(Damage, Exception)>();
        int next = -1;
        var clock = Stopwatch.StartNew();
        var deadlines = new long[2];
        var current = new Damage[2];
        var workers = Enumerable.Range(0, 2).Select(w => new Thread(() =>
        {
            var bytes = (byte[])pristine.Clone();
            for (int i; (i = Interlocked.Increment(ref next)) < flips.Count;)
            {
                var flip = flips[i];
                current[w] = flip;
                Volatile.Write(ref deadlines[w], clock.ElapsedMilliseconds + (long)TrialTimeout.TotalMilliseconds);
                flip.Apply(bytes);
                try
                {
                    string outcome = Outcome(bytes);
                    lock (outcomes)
                        outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
                }
                catch (Exception e)
                {
                    lock (violations)
                        violations.Add((flip, e));
                }
                flip.Restore(bytes, pristine);
                Volatile.Write(ref deadlines[w], 0);
            }
        }) { IsBackground = true }).ToList();
        workers.ForEach(t => t.Start());
        while (!workers.TrueForAll(t => t.Join(200)))
        {
            for (int w = 0; w < deadlines.Length; w++)
            {
                long deadline = Volatile.Read(ref deadlines[w]);
                if (deadline != 0 && clock.ElapsedMilliseconds > deadline)
                {
                    // The hung thread is abandoned (it is a background thread); report its flip.
                    lock (violations)
                        violations.Add((current[w], new TimeoutException($"fsck did not finish within {TrialTimeout.TotalSeconds} s")));
                    return (outcomes, violations, clock.Elapsed);
                }
            }
        }
        return (outcomes, violations, clock.Elapsed);
    }

    private static string Describe(List<(Damage Flip, Exception Error)> violations)
    {
        var text = new StringBuilder($"{violations.Count} damaged bytes broke the rule:\n");
        foreach (var (flip, error) in violations.OrderBy(v => v.Flip.Trial).Take(6))
            text.Append(flip).Append('\n').Append(error).Append("\n\n");
        return text.ToString();
    }
}
