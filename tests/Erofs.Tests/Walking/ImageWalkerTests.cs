using Erofs.Building;
using Erofs.Building.Source;
using Erofs.Format;
using Erofs.Reading;
using Erofs.Tests.Building;
using Erofs.Tests.Corruption;

namespace Erofs.Tests.Walking;

/// <summary>The walk fsck, extract and dump share: order, depth limit, loops, errors that do not end it.</summary>
public sealed class ImageWalkerTests
{
    [Fact]
    public void WalksDepthFirstReadingTheLastDescendedDirectoryFirst()
    {
        // /a/{x,y}, /b, /c/d/z, /e
        var root = SourceNode.NewDirectory();
        var a = root.Add("a", SourceNode.NewDirectory());
        a.Add("x", SourceTrees.File([1]));
        a.Add("y", SourceTrees.File([2]));
        root.Add("b", SourceTrees.File([3]));
        root.Add("c", SourceNode.NewDirectory()).Add("d", SourceNode.NewDirectory()).Add("z", SourceTrees.File([4]));
        root.Add("e", SourceTrees.File([5]));
        using var image = Build(root).Open();

        var seen = new List<string>();
        var walker = new ImageWalker(image);
        foreach (var step in walker.Walk())
        {
            seen.Add($"{step.Kind} {step.Entry.Path} {step.Entry.Depth}");
            if (step.Kind == ImageWalkStepKind.Entry)
                DescendIntoDirectories(walker, step.Entry);
        }

        Assert.Equal(
        [
            "Entry / 0", "ReadingDirectory / 0", "Entry /a 1", "Entry /b 1", "Entry /c 1", "Entry /e 1",
            "ReadingDirectory /c 1", "Entry /c/d 2", "ReadingDirectory /c/d 2", "Entry /c/d/z 3",
            "ReadingDirectory /a 1", "Entry /a/x 2", "Entry /a/y 2",
        ], seen);
    }

    [Fact]
    public void EntriesCarryTheirParentNameAndInode()
    {
        using var image = HostileImage.FromBytes("inline", BuilderImages.Make("inline")).Open();
        var entries = WalkEverything(image);
        var leaf = entries.Single(e => e.Path == "/sub/deeper/leaf");
        Assert.Equal("leaf", leaf.Name);
        Assert.Equal("/sub/deeper", leaf.Parent!.Path);
        Assert.Equal(image.ResolvePath("/sub/deeper/leaf")!.Nid, leaf.Nid);
        Assert.Equal(FileKind.Regular, leaf.Inode.Kind);
        Assert.Equal(FileKind.Regular, leaf.Dirent!.Value.Kind);
        var top = entries[0];
        Assert.True(top.IsRoot);
        Assert.Null(top.Dirent);
        Assert.Equal("", top.Name);
    }

    [Fact]
    public void FailWhenReadStopsAtTheLimitWithAFailedStep()
    {
        using var image = Build(Chain(5)).Open(LimitedTo(2));
        var failures = new List<ImageWalkStep>();
        var walker = new ImageWalker(image);
        var paths = new List<string>();
        foreach (var step in walker.Walk())
        {
            if (step.Kind == ImageWalkStepKind.DirectoryFailed)
                failures.Add(step);
            else if (step.Kind == ImageWalkStepKind.Entry)
            {
                paths.Add(step.Entry.Path);
                DescendIntoDirectories(walker, step.Entry);
            }
        }

        var failure = Assert.Single(failures);
        Assert.Equal("/d0/d1", failure.Entry.Path);
        var e = Assert.IsType<ErofsContentException>(failure.Failure);
        Assert.Equal("directory depth exceeds 2", e.Reason);
        Assert.Equal(failure.Entry.Nid, e.Nid);
        Assert.Equal(["/", "/d0", "/d0/d1"], paths);
    }

    [Fact]
    public void RefuseDescentRefusesOnlyDirectoriesDeeperThanTheLimit()
    {
        using var image = Build(Chain(5)).Open(LimitedTo(2));
        var walker = new ImageWalker(image, new ImageWalkOptions { DepthLimit = DepthLimitMode.RefuseDescent });
        var descended = new List<(string, bool)>();
        foreach (var step in walker.Walk())
        {
            Assert.NotEqual(ImageWalkStepKind.DirectoryFailed, step.Kind);
            if (step.Kind == ImageWalkStepKind.Entry && walker.TryClaim(step.Entry))
                descended.Add((step.Entry.Path, walker.Descend(step.Entry)));
        }
        Assert.Equal([("/", true), ("/d0", true), ("/d0/d1", true), ("/d0/d1/d2", false)], descended);
    }

    [Fact]
    public void ATreeDeeperThanTheDefaultLimitWalksToTheLimit()
    {
        // 4100 levels: the walk, the paths and the depth check are iterative.
        using var image = Build(Chain(4100)).Open();
        var walker = new ImageWalker(image);
        ImageWalkStep? failure = null;
        foreach (var step in walker.Walk())
        {
            if (step.Kind == ImageWalkStepKind.DirectoryFailed)
                failure = step;
            else if (step.Kind == ImageWalkStepKind.Entry)
                DescendIntoDirectories(walker, step.Entry);
        }
        Assert.NotNull(failure);
        Assert.Equal(ReadLimits.Default.MaxDirectoryDepth, failure.Value.Entry.Depth);
        Assert.EndsWith("/d4094/d4095", failure.Value.Entry.Path, StringComparison.Ordinal);
        Assert.Equal("directory depth exceeds 4096", ((ErofsContentException)failure.Value.Failure!).Reason);
    }

    [Fact]
    public void ADirectoryLoopInAHostileImageIsClaimedOnceAndTheWalkEnds()
    {
        // /sub/deeper points back at /sub: without the claim the walk would never end.
        var hostile = HostileImage.FromBytes("inline", BuilderImages.Make("inline"));
        ulong sub = hostile.Inode("/sub").Nid;
        var deeper = hostile.Dirents("/sub").Single(d => d.Name == "deeper");
        hostile.WriteU64(deeper.DirentOffset + Dirent.Offsets.Nid, sub);
        using var image = hostile.Open();

        var walker = new ImageWalker(image);
        var refused = new List<string>();
        var entries = Bounded.Run(() =>
        {
            var all = new List<ImageWalkEntry>();
            foreach (var step in walker.Walk())
            {
                if (step.Kind != ImageWalkStepKind.Entry)
                    continue;
                all.Add(step.Entry);
                if (step.Entry.Inode.Kind != FileKind.Directory)
                    continue;
                try
                {
                    walker.ClaimDirectory(step.Entry);
                    walker.Descend(step.Entry);
                }
                catch (ErofsContentException e) when (e.Reason.Contains("reachable twice", StringComparison.Ordinal))
                {
                    refused.Add(step.Entry.Path);
                }
            }
            return all;
        }, "walk of a looping image");

        Assert.Equal(["/sub/deeper"], refused);
        Assert.Single(entries, e => e.Nid == sub && e.Path == "/sub");
        Assert.DoesNotContain(entries, e => e.Path.StartsWith("/sub/deeper/", StringComparison.Ordinal));
    }

    [Fact]
    public void AnEntryWhoseInodeCannotBeDecodedFailsAloneAndTheWalkGoesOn()
    {
        var hostile = HostileImage.FromBytes("inline", BuilderImages.Make("inline"));
        var hello = hostile.Dirents("/").Single(d => d.Name == "hello");
        hostile.WriteU64(hello.DirentOffset + Dirent.Offsets.Nid, 1UL << 40);
        using var image = hostile.Open();

        var failed = new List<string>();
        var paths = new List<string>();
        var walker = new ImageWalker(image);
        foreach (var step in walker.Walk())
        {
            if (step.Kind != ImageWalkStepKind.Entry)
                continue;
            try
            {
                DescendIntoDirectories(walker, step.Entry);
                paths.Add(step.Entry.Path);
            }
            catch (ErofsContentException)
            {
                failed.Add(step.Entry.Path);
            }
        }

        Assert.Equal(["/hello"], failed);
        Assert.Contains("/link", paths);
        Assert.Contains("/sub/deeper/leaf", paths);
    }

    [Fact]
    public void ABrokenDirectoryRuleFailsThatDirectoryOnlyAndTheWalkGoesOn()
    {
        // /sub's ".." names /sub/deeper instead of the root.
        var hostile = HostileImage.FromBytes("inline", BuilderImages.Make("inline"));
        var dotDot = hostile.Dirents("/sub").Single(d => d.Name == "..");
        hostile.WriteU64(dotDot.DirentOffset + Dirent.Offsets.Nid, hostile.Inode("/sub/deeper").Nid);
        using var image = hostile.Open();

        var checkedWalk = Steps(image, new ImageWalkOptions { DirectoryChecks = DirectoryChecks.All });
        var failure = Assert.Single(checkedWalk, s => s.Kind == ImageWalkStepKind.DirectoryFailed);
        Assert.Equal("/sub", failure.Entry.Path);
        Assert.Contains("'..' points to nid", failure.Failure!.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(checkedWalk, s => s.Entry.Path.StartsWith("/sub/", StringComparison.Ordinal));
        Assert.Contains(checkedWalk, s => s.Entry.Path == "/text");

        // Without the rule the same directory reads.
        Assert.Contains(Steps(image, new ImageWalkOptions()), s => s.Entry.Path == "/sub/deeper/leaf");
    }

    [Fact]
    public void NamesOutOfOrderFailTheDirectoryAfterTheEntriesBeforeThem()
    {
        // Renaming /sub's n05 to "zz5" puts it after n06.
        var hostile = HostileImage.FromBytes("inline", BuilderImages.Make("inline"));
        var n05 = hostile.Dirents("/sub").Single(d => d.Name == "n05");
        hostile.WriteU8(n05.NameOffset, (byte)'z');
        hostile.WriteU8(n05.NameOffset + 1, (byte)'z');
        using var image = hostile.Open();

        var steps = Steps(image, new ImageWalkOptions { DirectoryChecks = DirectoryChecks.NameOrder });
        var failure = Assert.Single(steps, s => s.Kind == ImageWalkStepKind.DirectoryFailed);
        Assert.Equal("/sub", failure.Entry.Path);
        Assert.Contains("out of order", failure.Failure!.Message, StringComparison.Ordinal);
        Assert.Contains(steps, s => s.Entry.Path == "/sub/zz5");
        Assert.DoesNotContain(steps, s => s.Entry.Path == "/sub/n06");
    }

    [Fact]
    public void AnErrorTheOptionsDoNotRecoverFromEndsTheWalk()
    {
        var hostile = HostileImage.FromBytes("inline", BuilderImages.Make("inline"));
        var dotDot = hostile.Dirents("/sub").Single(d => d.Name == "..");
        hostile.WriteU64(dotDot.DirentOffset + Dirent.Offsets.Nid, 0);
        using var image = hostile.Open();

        var options = new ImageWalkOptions { DirectoryChecks = DirectoryChecks.All, IsRecoverable = _ => false };
        var e = Assert.Throws<ErofsContentException>(() => Steps(image, options));
        Assert.Contains("'..' points to nid 0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DescendTakesAClaimedDirectoryOnceAndAWalkRunsOnce()
    {
        using var image = HostileImage.FromBytes("inline", BuilderImages.Make("inline")).Open();
        var walker = new ImageWalker(image);
        foreach (var step in walker.Walk())
        {
            var entry = step.Entry;
            if (step.Kind != ImageWalkStepKind.Entry)
                continue;
            if (entry.IsRoot)
            {
                Assert.Throws<InvalidOperationException>(() => walker.Descend(entry));
                DescendIntoDirectories(walker, entry);
                Assert.Throws<InvalidOperationException>(() => walker.Descend(entry));
            }
            else if (entry.Inode.Kind == FileKind.Regular && walker.TryClaim(entry))
            {
                Assert.Throws<InvalidOperationException>(() => walker.Descend(entry));
            }
        }
        Assert.Throws<InvalidOperationException>(() => walker.Walk());
    }

    /// <summary>A walk can start at any inode (fsck --nid/--path): its paths begin with the start's, its ".." is not judged.</summary>
    [Fact]
    public void WalkStartsAtAnInodeWithItsPathOrRelativePaths()
    {
        var root = SourceNode.NewDirectory();
        var a = root.Add("a", SourceNode.NewDirectory());
        a.Add("b", SourceNode.NewDirectory()).Add("z", SourceTrees.File([4]));
        a.Add("x", SourceTrees.File([1]));
        root.Add("e", SourceTrees.File([5]));
        using var image = Build(root).Open();
        ulong nid = image.ResolvePath("/a")!.Nid;
        var checks = DirectoryChecks.All;

        var named = Steps(image, new ImageWalkOptions { DirectoryChecks = checks, Start = new ImageWalkStart(nid, "/a") });
        var relative = Steps(image, new ImageWalkOptions { DirectoryChecks = checks, Start = new ImageWalkStart(nid, "") });

        Assert.Equal(["/a", "/a/b", "/a/x", "/a/b/z"], named.Where(s => s.Kind == ImageWalkStepKind.Entry).Select(s => s.Entry.Path));
        Assert.Equal(["/", "/b", "/x", "/b/z"], relative.Where(s => s.Kind == ImageWalkStepKind.Entry).Select(s => s.Entry.Path));
        Assert.DoesNotContain(named, s => s.Kind == ImageWalkStepKind.DirectoryFailed);
        Assert.Equal(nid, named[0].Entry.Nid);
        Assert.True(named[0].Entry.IsRoot);
        var file = Steps(image, new ImageWalkOptions { Start = new ImageWalkStart(image.ResolvePath("/e")!.Nid, "/e") });
        Assert.Equal(["/e"], file.Select(s => s.Entry.Path));
    }

    private static void DescendIntoDirectories(ImageWalker walker, ImageWalkEntry entry)
    {
        if (entry.Inode.Kind == FileKind.Directory && walker.TryClaim(entry))
            walker.Descend(entry);
    }

    private static List<ImageWalkEntry> WalkEverything(ErofsImage image) =>
        Steps(image, new ImageWalkOptions()).Where(s => s.Kind == ImageWalkStepKind.Entry).Select(s => s.Entry).ToList();

    // Every step of a walk that descends into every directory it can.
    private static List<ImageWalkStep> Steps(ErofsImage image, ImageWalkOptions options)
    {
        var walker = new ImageWalker(image, options);
        var steps = new List<ImageWalkStep>();
        foreach (var step in walker.Walk())
        {
            steps.Add(step);
            if (step.Kind == ImageWalkStepKind.Entry)
                DescendIntoDirectories(walker, step.Entry);
        }
        return steps;
    }

    // /d0/d1/.../d{n-1}/leaf
    private static SourceNode Chain(int levels)
    {
        var root = SourceNode.NewDirectory();
        var dir = root;
        for (int i = 0; i < levels; i++)
            dir = dir.Add($"d{i}", SourceNode.NewDirectory());
        dir.Add("leaf", SourceTrees.File([1]));
        return root;
    }

    private static ReadOptions LimitedTo(int depth) => new() { Limits = ReadLimits.Default with { MaxDirectoryDepth = depth } };

    private static HostileImage Build(SourceNode root)
    {
        using var scratch = new ScratchDirectory();
        ImageBuilder.Build(root, scratch["walk.erofs"], new BuildOptions { Timestamp = 1_700_000_000, Uuid = new byte[16], Threads = 1 });
        return HostileImage.FromBytes("walk", File.ReadAllBytes(scratch["walk.erofs"]));
    }
}
