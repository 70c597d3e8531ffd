using System.Collections.Concurrent;
using Erofs.Reading;
using Erofs.Runtime.Sharing;
using Erofs.Tests.Building;
using Erofs.Tests.Runtime.Store;

namespace Erofs.Tests.Runtime.Sharing;

/// <summary>
/// The publish-ahead worker on its own: which files a first open hands over (those after it in its
/// directory, small, within the window and the byte budget, each once), and that it stops cleanly.
/// </summary>
public sealed class PublishAheadTests : IDisposable
{
    private readonly StoreScratch _scratch = new();

    public void Dispose() => _scratch.Dispose();

    private sealed class Run : IDisposable
    {
        public readonly ErofsImage Image;
        public readonly PublishAhead Ahead;
        public readonly ConcurrentQueue<string> Prepared = new();
        public readonly ConcurrentQueue<string> Logged = new();
        public readonly InodeInfo Directory;
        private readonly Dictionary<ulong, string> _names;

        public Run(string path, Action<InodeInfo>? prepare = null, Func<ulong, bool>? wanted = null)
        {
            Image = ErofsImage.Open(path);
            Directory = Image.ResolvePath("/d")!;
            _names = Image.ReadDirectory(Directory).ToDictionary(e => e.Nid, e => e.Name);
            Ahead = new PublishAhead(new AheadImage.Siblings(Image), wanted ?? (_ => true), inode =>
            {
                prepare?.Invoke(inode);
                Prepared.Enqueue(_names[inode.Nid]);
            }, Logged.Enqueue);
        }

        public void Open(string name, bool caughtUp = true) => Ahead.Opened(Directory.Nid, Image.ResolvePath("/d/" + name)!.Nid, caughtUp);

        public List<string> WaitIdle()
        {
            Eventually.True(() => Ahead.Idle);
            return [.. Prepared];
        }

        public void Dispose()
        {
            Ahead.Dispose();
            Image.Dispose();
        }
    }

    private string Build(params (string Name, byte[]? Content)[] entries)
    {
        string path = Path.Combine(_scratch.Root, "ahead.erofs");
        AheadImage.Build(path, entries);
        return path;
    }

    private static IEnumerable<(string, byte[]?)> Files(int count, int size, string prefix = "f") =>
        Enumerable.Range(0, count).Select(i => ($"{prefix}{i:D3}", (byte[]?)SourceTrees.Random(size, i)));

    [Fact]
    public void AFirstOpenHandsOverTheFilesThatFollowItWithinTheWindowEachOnce()
    {
        using var run = new Run(Build([.. Files(100, 1000)]));

        run.Open("f010");
        Assert.Equal(Enumerable.Range(11, PublishAhead.WindowFiles).Select(i => $"f{i:D3}"), run.WaitIdle());

        // The next open moves the window by one entry; what was handed over is not handed over again.
        run.Open("f011");
        Assert.Equal($"f{11 + PublishAhead.WindowFiles:D3}", run.WaitIdle().Last());
        Assert.Equal(PublishAhead.WindowFiles + 1, run.Prepared.Distinct().Count());
        Assert.DoesNotContain("f010", run.Prepared); // the opened file is its own open's
    }

    [Fact]
    public void DirectoriesEmptyLargeAndUnwantedFilesAreSkipped()
    {
        string path = Build(("a", SourceTrees.Random(100, 1)), ("b-dir", null), ("c-empty", []),
            ("d-large", SourceTrees.Random((int)FileSharing.LongHashBytes, 2)), ("e-taken", SourceTrees.Random(100, 3)),
            ("f-small", SourceTrees.Random((int)FileSharing.LongHashBytes - 1, 4)));
        ulong taken;
        using (var image = ErofsImage.Open(path))
            taken = image.ResolvePath("/d/e-taken")!.Nid;
        using var run = new Run(path, wanted: nid => nid != taken);

        run.Open("a");
        Assert.Equal(["f-small"], run.WaitIdle());
    }

    [Fact]
    public void OneTriggerHandsOverAtMostTheByteBudget()
    {
        const int Size = 300_000;
        using var run = new Run(Build([.. Files(10, Size)]));

        run.Open("f000");
        var first = run.WaitIdle();
        Assert.Equal(["f001", "f002", "f003"], first); // a fourth would pass 1 MiB
        Assert.True(first.Count * (long)Size <= PublishAhead.WindowBytes);

        run.Open("f001");
        Assert.Equal(["f001", "f002", "f003", "f004", "f005", "f006"], run.WaitIdle());
    }

    [Fact]
    public void AFailedPreparationLeavesThatFileToItsOpenAndABugIsLoggedOnce()
    {
        // Sizes tell the files apart: f001 meets store trouble, f002 and f003 a bug.
        using var run = new Run(Build([.. Enumerable.Range(0, 6).Select(i => ($"f{i:D3}", (byte[]?)SourceTrees.Random(100 + i, i)))]), prepare: inode =>
        {
            if (inode.Size == 101)
                throw new IOException("store trouble");
            if (inode.Size is 102 or 103)
                throw new InvalidOperationException("a bug");
        });

        run.Open("f000");
        Assert.Equal(["f004", "f005"], run.WaitIdle());
        Assert.Single(run.Logged, l => l.Contains("a bug", StringComparison.Ordinal));
    }

    [Fact]
    public void DisposeWaitsForTheFileInHandDropsTheRestAndIgnoresLaterOpens()
    {
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var run = new Run(Build([.. Files(20, 100)]), prepare: _ =>
        {
            entered.Set();
            release.Wait();
        });
        try
        {
            run.Open("f000");
            Assert.True(entered.Wait(TimeSpan.FromSeconds(60)));
            var disposer = new Thread(run.Ahead.Dispose);
            disposer.Start();
            Assert.False(disposer.Join(TimeSpan.FromMilliseconds(200)), "Dispose returned while a file was being prepared");
            release.Set();
            Assert.True(disposer.Join(TimeSpan.FromSeconds(60)));
            Assert.Equal(["f001"], run.Prepared);

            run.Open("f005");
            Assert.True(run.Ahead.Idle);
            Assert.Equal(["f001"], run.Prepared);
        }
        finally
        {
            release.Set();
            run.Dispose();
        }
    }
}
