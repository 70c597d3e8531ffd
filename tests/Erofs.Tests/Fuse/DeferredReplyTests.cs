using System.Collections.Concurrent;
using Erofs.Fuse;
using Erofs.Fuse.Abi;
using Erofs.Fuse.Protocol;

namespace Erofs.Tests.Fuse;

/// <summary>
/// Deferred replies: an OPEN handler takes its reply and completes it later from another thread.
/// Every request still gets exactly one answer, with its own unique, under the rules of an immediate
/// answer; a connection that is gone never turns a completion into an exception.
/// </summary>
public sealed class DeferredReplyTests
{
    private const int ENXIO = 6;
    private const int ENODEV = 19;

    private readonly HookFileSystem _fs = new();
    private readonly RecordingSink _sink = new();
    private readonly ConcurrentQueue<string> _log = new();
    private readonly byte[] _reply = new byte[16 + 4096];
    private FuseDispatcher _dispatcher;
    private ulong _unique = 100;

    public DeferredReplyTests() => _dispatcher = Connect(passthrough: false);

    private FuseDispatcher Connect(bool passthrough)
    {
        var dispatcher = new FuseDispatcher(_fs, new FuseSessionOptions { Passthrough = passthrough, Log = _log.Enqueue });
        Assert.True(dispatcher.Handle(Requests.Init(), _reply).ReplyLength > 0);
        return dispatcher;
    }

    private DispatchResult Send(FuseOpcode opcode = FuseOpcode.Open, ulong node = 2, IReplySink? sink = null)
    {
        var request = opcode == FuseOpcode.GetAttr
            ? Requests.Make(opcode, ++_unique, new byte[16], node)
            : Requests.Struct(opcode, ++_unique, new OpenIn(), node);
        return _dispatcher.Handle(request, _reply, sink ?? _sink);
    }

    private FuseOpenReply DeferOpen()
    {
        FuseOpenReply? taken = null;
        _fs.OnOpen = context =>
        {
            taken = context.Defer<FuseOpenReply>();
            return (Errno.Deferred, default);
        };
        Assert.Equal(0, Send().ReplyLength);
        return Assert.IsType<FuseOpenReply>(taken);
    }

    [Fact]
    public async Task OpenIsAnsweredLaterFromAnotherThreadWithTheRequestsUnique()
    {
        var reply = DeferOpen();
        Assert.Empty(_sink.Replies);
        Assert.False(reply.IsCompleted);
        Assert.Equal(1, _dispatcher.Pending.Count);

        bool sent = await Task.Run(() => reply.Reply(new FuseOpenResult(77, FuseOpenFlags.KeepCache)));

        Assert.True(sent);
        var written = Assert.Single(_sink.Replies);
        var header = Requests.Header(written);
        Assert.Equal((_unique, 32u, 0), (header.Unique, header.Len, header.Error));
        Assert.Equal(_unique, reply.Unique);
        Assert.Equal(2UL, reply.Node);
        var open = Requests.Payload<OpenOut>(written);
        Assert.Equal((77UL, (uint)FuseOpenFlags.KeepCache, 0), (open.Fh, open.OpenFlags, open.BackingId));
        Assert.True(reply.IsCompleted);
        Assert.Equal(0, _dispatcher.Pending.Count);
    }

    [Fact]
    public void FailAnswersTheErrno()
    {
        var reply = DeferOpen();

        Assert.True(reply.Fail(ENXIO));

        var header = Requests.Header(Assert.Single(_sink.Replies));
        Assert.Equal((_unique, 16u, -ENXIO), (header.Unique, header.Len, header.Error));
    }

    [Fact]
    public void ASecondCompletionIsIgnoredAndLogged()
    {
        var reply = DeferOpen();

        Assert.True(reply.Reply(new FuseOpenResult(1, FuseOpenFlags.None)));
        Assert.False(reply.Fail(Errno.EIO));
        Assert.False(reply.Reply(new FuseOpenResult(2, FuseOpenFlags.None)));

        Assert.Equal(1UL, Requests.Payload<OpenOut>(Assert.Single(_sink.Replies)).Fh);
        Assert.Equal(2, _log.Count(line => line.Contains("completed again", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    [InlineData(512)]
    [InlineData(Errno.Deferred)]
    public void FailRefusesWhatIsNotAnErrorTheKernelAccepts(int errno)
    {
        var reply = DeferOpen();

        Assert.Throws<ArgumentOutOfRangeException>(() => reply.Fail(errno));

        Assert.False(reply.IsCompleted);
        Assert.Empty(_sink.Replies);
    }

    [Fact]
    public void PassthroughTheConnectionLacksIsAnsweredEioAsAnImmediateAnswerWouldBe()
    {
        var reply = DeferOpen();

        Assert.False(reply.Reply(new FuseOpenResult(1, FuseOpenFlags.Passthrough, 5)));

        Assert.Equal(-Errno.EIO, Requests.Header(Assert.Single(_sink.Replies)).Error);
        Assert.Contains(_log, line => line.Contains("passthrough", StringComparison.Ordinal));
    }

    [Fact]
    public void PassthroughOnAPassthroughConnectionCarriesTheBackingId()
    {
        _dispatcher = Connect(passthrough: true);
        var reply = DeferOpen();

        Assert.True(reply.Reply(new FuseOpenResult(3, FuseOpenFlags.Passthrough, 5)));

        var open = Requests.Payload<OpenOut>(Assert.Single(_sink.Replies));
        Assert.Equal((3UL, (uint)FuseOpenFlags.Passthrough, 5), (open.Fh, open.OpenFlags, open.BackingId));
    }

    [Theory]
    [InlineData(2)]      // ENOENT: the kernel no longer waits for the request
    [InlineData(ENODEV)] // the connection, or our descriptor, is gone
    public void AGoneRequestOrConnectionIsNotAnError(int errno)
    {
        var reply = DeferOpen();
        _sink.Error = errno;

        Assert.False(reply.Reply(new FuseOpenResult(1, FuseOpenFlags.None)));

        Assert.True(reply.IsCompleted);
        Assert.Equal(0, _dispatcher.Pending.Count);
        Assert.Empty(_log);
    }

    [Fact]
    public void AnUnexpectedWriteErrorIsLoggedNotThrown()
    {
        var reply = DeferOpen();
        _sink.Error = Errno.EINVAL;

        Assert.False(reply.Fail(Errno.EIO));

        Assert.Contains(_log, line => line.Contains("errno 22", StringComparison.Ordinal));
    }

    [Fact]
    public void ReturningDeferredWithoutTakingTheReplyIsEio()
    {
        _fs.OnOpen = _ => (Errno.Deferred, default);

        Assert.Equal(16, Send().ReplyLength);

        Assert.Equal(-Errno.EIO, Requests.Header(_reply).Error);
        Assert.Contains(_log, line => line.Contains("without taking its reply", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(Errno.Deferred)]
    [InlineData(512)]
    [InlineData(-600)]
    public void AnErrorTheKernelWouldRefuseIsAnsweredEio(int errno)
    {
        _fs.OnOther = _ => errno;

        Assert.Equal(16, Send(FuseOpcode.GetAttr).ReplyLength);

        Assert.Equal(-Errno.EIO, Requests.Header(_reply).Error);
    }

    [Fact]
    public void TakingTheReplyButAnsweringAtOnceSendsTheImmediateAnswer()
    {
        FuseOpenReply? taken = null;
        _fs.OnOpen = context =>
        {
            taken = context.Defer<FuseOpenReply>();
            return (Errno.Ok, new FuseOpenResult(9, FuseOpenFlags.None));
        };

        Assert.Equal(32, Send().ReplyLength);

        Assert.Equal(9UL, Requests.Payload<OpenOut>(_reply).Fh);
        Assert.Equal(0, _dispatcher.Pending.Count);
        Assert.False(taken!.Reply(new FuseOpenResult(10, FuseOpenFlags.None)));
        Assert.Empty(_sink.Replies);
    }

    [Fact]
    public void AHandlerThatThrowsAfterTakingTheReplyIsAnsweredEioOnce()
    {
        FuseOpenReply? taken = null;
        _fs.OnOpen = context =>
        {
            taken = context.Defer<FuseOpenReply>();
            throw new IOException("hashing failed");
        };

        Assert.Equal(16, Send().ReplyLength);

        Assert.Equal(-Errno.EIO, Requests.Header(_reply).Error);
        Assert.False(taken!.Fail(Errno.EIO));
        Assert.Empty(_sink.Replies);
    }

    [Theory]
    [InlineData(Errno.Deferred)]
    [InlineData(Errno.Ok)] // a bug, but the reply already sent must stay the only one
    public void AReplyCompletedBeforeTheHandlerReturnsIsTheOnlyAnswer(int handlerAnswer)
    {
        _fs.OnOpen = context =>
        {
            Assert.True(context.Defer<FuseOpenReply>().Reply(new FuseOpenResult(4, FuseOpenFlags.None)));
            return (handlerAnswer, new FuseOpenResult(5, FuseOpenFlags.None));
        };

        Assert.Equal(0, Send().ReplyLength);

        Assert.Equal(4UL, Requests.Payload<OpenOut>(Assert.Single(_sink.Replies)).Fh);
    }

    [Fact]
    public void TheReplyIsTakenOnceAndOnlyWhileTheHandlerRuns()
    {
        Exception? second = null;
        FuseContext saved = default;
        _fs.OnOpen = context =>
        {
            saved = context;
            context.Defer<FuseOpenReply>().Fail(ENXIO);
            second = Record.Exception(() => context.Defer<FuseOpenReply>());
            return (Errno.Deferred, default);
        };
        Send();
        Assert.IsType<InvalidOperationException>(second);

        _fs.OnOpen = context =>
        {
            saved = context;
            return (Errno.Ok, default);
        };
        Send();
        Assert.Throws<InvalidOperationException>(() => saved.Defer<FuseOpenReply>());
    }

    [Theory]
    [InlineData(FuseOpcode.GetAttr)]
    [InlineData(FuseOpcode.OpenDir)]
    public void OnlyOpenOfARegularFileCanBeDeferredSoFar(FuseOpcode opcode)
    {
        _fs.OnOther = context =>
        {
            context.Defer<FuseOpenReply>();
            return Errno.Deferred;
        };

        Assert.Equal(16, Send(opcode, node: 1).ReplyLength);

        Assert.Equal(-Errno.EIO, Requests.Header(_reply).Error);
        Assert.Contains(_log, line => line.Contains(nameof(InvalidOperationException), StringComparison.Ordinal));
    }

    [Fact]
    public void WithoutASinkNothingCanBeDeferred()
    {
        _fs.OnOpen = context =>
        {
            context.Defer<FuseOpenReply>();
            return (Errno.Deferred, default);
        };

        Assert.Equal(16, _dispatcher.Handle(Requests.Struct(FuseOpcode.Open, 7, new OpenIn(), 2), _reply).ReplyLength);

        Assert.Equal(-Errno.EIO, Requests.Header(_reply).Error);
    }

    [Fact]
    public void TheSessionsEndAnswersPendingRepliesEioAndLaterCompletionsAreIgnored()
    {
        var first = DeferOpen();
        var second = DeferOpen();

        Assert.Equal(2, _dispatcher.Pending.EndSession());

        Assert.Equal([(first.Unique, -Errno.EIO), (second.Unique, -Errno.EIO)],
            _sink.Replies.Select(r => (Requests.Header(r).Unique, Requests.Header(r).Error)).Order());
        Assert.False(first.Reply(new FuseOpenResult(1, FuseOpenFlags.None)));
        Assert.False(second.Fail(ENXIO));
        Assert.Empty(_log);

        var late = DeferOpen(); // taken after the end: answered at once
        Assert.True(late.IsCompleted);
        Assert.Equal(-Errno.EIO, Requests.Header(_sink.Replies[^1]).Error);
        Assert.False(late.Reply(new FuseOpenResult(1, FuseOpenFlags.None)));
        Assert.Equal(0, _dispatcher.Pending.Count);
    }

    [Fact]
    public async Task RacingCompletionsSendExactlyOneAnswerPerRequest()
    {
        var replies = Enumerable.Range(0, 200).Select(_ => DeferOpen()).ToList();
        using var start = new ManualResetEventSlim();

        var racers = new[] { 0, 1, 2 }.Select(racer => Task.Run(() =>
        {
            start.Wait();
            return replies.Count(reply => racer == 0 ? reply.Reply(new FuseOpenResult(1, FuseOpenFlags.None)) : reply.Fail(Errno.EIO + racer));
        })).ToList();
        start.Set();
        int[] delivered = await Task.WhenAll(racers);

        Assert.Equal(replies.Count, delivered.Sum());
        Assert.Equal(replies.Select(r => r.Unique).Order(), _sink.Replies.Select(r => Requests.Header(r).Unique).Order());
        Assert.Equal(0, _dispatcher.Pending.Count);
    }
}
