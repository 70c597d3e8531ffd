using Erofs.Conformance.Tests.Infrastructure;
using Erofs.Fuse;
using Erofs.Fuse.Abi;

namespace Erofs.Conformance.Tests.Mount;

/// <summary>
/// Deferred replies through a real mount: while an OPEN waits for its answer, the only worker goes
/// on serving other requests; Fail reaches open(2) as its errno; replies go back on the cloned
/// descriptor each request came from; completions after the mount went away are harmless. Order
/// is proven with events, never with timing; the session's end answers what a failed test left pending.
/// </summary>
public sealed class DeferredReplyMountTests
{
    private const int EIO = 5;
    private const int ENXIO = 6;

    private static readonly FuseSessionOptions OneWorker = new() { Workers = 1, Source = "deferred-test" };

    private static readonly FuseOpenResult Opened = new(0, FuseOpenFlags.KeepCache);

    [Fact]
    public async Task TheOnlyWorkerServesOtherRequestsWhileAnOpenWaitsForItsReply()
    {
        using var dir = TempDir.Create("deferred");
        string mountPoint = dir.CreateSubdirectory("mnt");
        var fs = new DeferringFileSystem();
        using var statReturned = new ManualResetEventSlim();

        using (var session = FuseSession.Mount(mountPoint, fs, OneWorker))
        {
            Assert.Equal(1, session.WorkerCount);
            var opener = OnOwnThread(() => File.ReadAllBytes(Path.Combine(mountPoint, "slow")));
            var reply = await fs.NextDeferred();
            // Completed from another thread, and only once the stat below has returned.
            var completion = OnOwnThread(() =>
            {
                statReturned.Wait();
                return reply.Reply(Opened);
            });
            try
            {
                long length = await OnOwnThread(() => new FileInfo(Path.Combine(mountPoint, "other")).Length).WaitAsync(Patience.Wait);
                Assert.Equal(DeferringFileSystem.Content.Length, length);
                Assert.False(opener.IsCompleted);
                Assert.Equal(1, session.PendingDeferredReplies);
            }
            finally
            {
                statReturned.Set();
            }
            Assert.True(await completion.WaitAsync(Patience.Wait));
            Assert.Equal(DeferringFileSystem.Content, await opener.WaitAsync(Patience.Wait));
            Assert.Equal(0, session.PendingDeferredReplies);
        }

        Assert.False(MountTable.IsMountPoint(mountPoint));
    }

    [Fact]
    public async Task FailReachesOpenAsItsErrno()
    {
        using var dir = TempDir.Create("deferred-fail");
        string mountPoint = dir.CreateSubdirectory("mnt");
        var fs = new DeferringFileSystem();
        using var session = FuseSession.Mount(mountPoint, fs, OneWorker);

        var opener = OnOwnThread(() => Record.Exception(() => File.OpenHandle(Path.Combine(mountPoint, "slow")).Dispose()));
        var reply = await fs.NextDeferred();
        Assert.True(await OnOwnThread(() => reply.Fail(ENXIO)));

        var error = Assert.IsType<IOException>(await opener.WaitAsync(Patience.Wait));
        Assert.Equal(ENXIO, error.HResult);
    }

    [Fact]
    public async Task RepliesGoBackOnTheClonedDescriptorEachOpenCameFrom()
    {
        const int opens = 6;
        using var dir = TempDir.Create("deferred-clones");
        string mountPoint = dir.CreateSubdirectory("mnt");
        var fs = new DeferringFileSystem();
        using var session = FuseSession.Mount(mountPoint, fs, OneWorker with { Workers = 3 });

        var openers = Enumerable.Range(0, opens).Select(_ => OnOwnThread(() => File.ReadAllBytes(Path.Combine(mountPoint, "slow")))).ToList();
        var replies = new List<FuseOpenReply>();
        for (int i = 0; i < opens; i++)
            replies.Add(await fs.NextDeferred());
        Assert.Equal(opens, session.PendingDeferredReplies);

        bool[] sent = await Task.WhenAll(replies.Select(reply => Task.Run(() => reply.Reply(Opened))));

        Assert.All(sent, Assert.True);
        foreach (var opener in openers)
            Assert.Equal(DeferringFileSystem.Content, await opener.WaitAsync(Patience.Wait));
    }

    [Fact]
    public async Task AReplyCompletedAfterALazyUnmountStillOpensTheFile()
    {
        using var dir = TempDir.Create("deferred-umount");
        string mountPoint = dir.CreateSubdirectory("mnt");
        var fs = new DeferringFileSystem();
        using var session = FuseSession.Mount(mountPoint, fs, OneWorker);

        var opener = OnOwnThread(() => File.ReadAllBytes(Path.Combine(mountPoint, "slow")));
        var reply = await fs.NextDeferred();
        Assert.Null(session.Unmount());
        Assert.False(MountTable.IsMountPoint(mountPoint));

        Assert.True(await OnOwnThread(() => reply.Reply(Opened)));

        Assert.Equal(DeferringFileSystem.Content, await opener.WaitAsync(Patience.Wait));
        // The detached mount ends with its last open file, and the session with it.
        Assert.True(session.WaitForExit(Patience.Wait));
    }

    [Fact]
    public async Task TheSessionsEndAnswersAPendingOpenAndALateCompletionIsHarmless()
    {
        using var dir = TempDir.Create("deferred-end");
        string mountPoint = dir.CreateSubdirectory("mnt");
        var fs = new DeferringFileSystem();
        Task<Exception?> opener;
        FuseOpenReply reply;

        using (FuseSession.Mount(mountPoint, fs, OneWorker))
        {
            opener = OnOwnThread<Exception?>(() => Record.Exception(() => File.ReadAllBytes(Path.Combine(mountPoint, "slow"))));
            reply = await fs.NextDeferred();
        }

        var error = Assert.IsType<IOException>(await opener.WaitAsync(Patience.Wait));
        Assert.Equal(EIO, error.HResult);
        Assert.False(MountTable.IsMountPoint(mountPoint));
        Assert.True(reply.IsCompleted);
        Assert.False(await OnOwnThread(() => reply.Reply(Opened)));
        Assert.False(reply.Fail(EIO));
    }

    // Blocking file calls get a thread of their own, so a busy thread pool cannot delay them.
    private static Task<T> OnOwnThread<T>(Func<T> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
