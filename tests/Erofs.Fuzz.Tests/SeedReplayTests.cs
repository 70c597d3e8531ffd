namespace Erofs.Fuzz.Tests;

/// <summary>
/// Every committed seed runs through its harness in this process, without afl-fuzz: the seeds are
/// valid inputs, so they must pass the harness's checks, and a harness broken by a library change
/// fails here in seconds.
/// </summary>
public sealed class SeedReplayTests
{
    public static TheoryData<string> Targets => new(FuzzTargets.Names);

    [Theory]
    [MemberData(nameof(Targets))]
    public void Every_seed_passes_its_harness(string name)
    {
        var target = name == "fuse-request"
            ? new Targets.FuseRequestTarget(Path.Combine(Repository.Root, "fuzz", "seeds", "fuse-target.erofs"))
            : FuzzTargets.Create(name)!;
        var seeds = Directory.GetFiles(Repository.SeedsOf(name));

        Assert.NotEmpty(seeds);
        foreach (string seed in seeds)
        {
            var bytes = File.ReadAllBytes(seed);
            Assert.InRange(bytes.Length, 1, 64 << 10);
            target.Run(bytes);
        }
    }

    [Fact]
    public void Unknown_target_is_refused() => Assert.Null(FuzzTargets.Create("no-such-target"));
}
