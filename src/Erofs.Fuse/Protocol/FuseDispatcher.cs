using Erofs.Fuse.Abi;

namespace Erofs.Fuse.Protocol;

/// <summary>What a worker does after one request: write <see cref="ReplyLength"/> bytes (0: nothing, e.g. deferred) and maybe stop.</summary>
internal readonly record struct DispatchResult(int ReplyLength, bool Stop = false);

/// <summary>
/// Turns one request into at most one reply: parses with bounds checks, calls the file system, and
/// answers EIO for malformed requests or failing handlers, ENOSYS for unknown opcodes, EROFS for
/// anything that would modify. A handler may defer its reply (<see cref="FuseContext.Defer{TReply}"/>);
/// the reply object then answers later. Never throws. Thread-safe once INIT is done.
/// </summary>
internal sealed partial class FuseDispatcher(IFuseFileSystem fileSystem, FuseSessionOptions options)
{
    private readonly long[] _requestCounts = new long[64];
    private volatile FuseConnection? _connection;

    /// <summary>What INIT agreed, or null before it.</summary>
    public FuseConnection? Connection => _connection;

    /// <summary>The problem when INIT was refused, else null.</summary>
    public string? InitProblem { get; private set; }

    /// <summary>Deferred replies taken and not yet completed.</summary>
    public PendingReplies Pending { get; } = new();

    /// <summary>Well-formed requests of <paramref name="opcode"/> received so far.</summary>
    public long RequestCount(FuseOpcode opcode) => (uint)opcode < _requestCounts.Length ? Volatile.Read(ref _requestCounts[(int)opcode]) : 0;

    /// <summary>
    /// Handles the request in <paramref name="request"/>, writing the reply into <paramref name="reply"/>.
    /// A reply the handler defers goes to <paramref name="sink"/>, the descriptor the request was read
    /// from; without one, no reply can be deferred.
    /// </summary>
    public DispatchResult Handle(ReadOnlySpan<byte> request, Span<byte> reply, IReplySink? sink = null)
    {
        var outcome = RequestParser.Parse(request, out var header, out var payload);
        if (outcome == ParseOutcome.Drop)
        {
            Log($"dropped a request of {request.Length} bytes: shorter than a request header");
            return default;
        }
        bool answer = RequestParser.ExpectsReply(header.Opcode);
        if (outcome == ParseOutcome.Malformed)
        {
            Log($"malformed request {header.Unique} (opcode {header.Opcode}): header says {header.Len} bytes, read {request.Length}");
            return new DispatchResult(answer ? ReplyWriter.Error(reply, header.Unique, Errno.EIO) : 0);
        }
        if (header.Opcode < (uint)_requestCounts.Length)
            Interlocked.Increment(ref _requestCounts[header.Opcode]);
        try
        {
            return Dispatch(header, payload, reply, sink);
        }
        catch (Exception e)
        {
            LogFailure((FuseOpcode)header.Opcode, header.NodeId, e);
            return new DispatchResult(answer ? ReplyWriter.Error(reply, header.Unique, Errno.EIO) : 0);
        }
    }

    private DispatchResult Dispatch(in InHeader header, ReadOnlySpan<byte> payload, Span<byte> reply, IReplySink? sink)
    {
        var opcode = (FuseOpcode)header.Opcode;
        if (opcode == FuseOpcode.Init)
            return new DispatchResult(Init(header, payload, reply));
        if (_connection is not { } connection)
            return Fail(reply, header, Errno.EIO);
        var context = new FuseContext(opcode, header.Unique, header.Uid, header.Gid, header.Pid, Deferrable(opcode, header, connection, sink));
        var args = new PayloadReader(payload);
        int length = opcode switch
        {
            FuseOpcode.Lookup => Lookup(context, header.NodeId, ref args, reply),
            FuseOpcode.Forget => Forget(header.NodeId, ref args),
            FuseOpcode.BatchForget => BatchForget(ref args),
            FuseOpcode.Interrupt => 0,
            FuseOpcode.GetAttr => GetAttr(context, header.NodeId, reply),
            FuseOpcode.ReadLink => ReadLink(context, header.NodeId, reply),
            FuseOpcode.Open => Open(context, header.NodeId, ref args, reply, directory: false),
            FuseOpcode.Read => Read(context, header.NodeId, ref args, reply),
            // Nothing to flush on a read-only file system; ENOSYS makes the kernel stop sending FLUSH,
            // a synchronous round trip on every close().
            FuseOpcode.Flush => ReplyWriter.Error(reply, header.Unique, Errno.ENOSYS),
            FuseOpcode.Release => Release(context, header.NodeId, ref args, reply, directory: false),
            FuseOpcode.OpenDir => Open(context, header.NodeId, ref args, reply, directory: true),
            FuseOpcode.ReadDir => ReadDirectory(context, header.NodeId, ref args, reply, plus: false),
            FuseOpcode.ReadDirPlus => ReadDirectory(context, header.NodeId, ref args, reply, plus: true),
            FuseOpcode.ReleaseDir => Release(context, header.NodeId, ref args, reply, directory: true),
            FuseOpcode.StatFs => StatFs(context, header.NodeId, reply),
            FuseOpcode.GetXattr => GetXattr(context, header.NodeId, ref args, reply),
            FuseOpcode.ListXattr => ListXattr(context, header.NodeId, ref args, reply),
            FuseOpcode.Access => Access(context, header.NodeId, ref args, reply),
            FuseOpcode.Destroy => -1,
            _ when Modifies(opcode) => ReplyWriter.Error(reply, header.Unique, Errno.EROFS),
            _ => ReplyWriter.Error(reply, header.Unique, Errno.ENOSYS),
        };
        if (length < 0)
            return Destroy(header, reply);
        return new DispatchResult(length);
    }

    // The reply object a handler may take over, for the requests that can be answered later.
    private FuseDeferredReply? Deferrable(FuseOpcode opcode, in InHeader header, FuseConnection connection, IReplySink? sink) =>
        sink is not null && opcode == FuseOpcode.Open
            ? new FuseOpenReply(header.Unique, header.NodeId, connection.Passthrough, sink, Pending, options.Log)
            : null;

    private DispatchResult Destroy(in InHeader header, Span<byte> reply)
    {
        fileSystem.Destroy();
        return new DispatchResult(ReplyWriter.Empty(reply, header.Unique), Stop: true);
    }

    private int Init(in InHeader header, ReadOnlySpan<byte> payload, Span<byte> reply)
    {
        if (_connection is not null)
            return ReplyWriter.Error(reply, header.Unique, Errno.EIO);
        var decision = InitNegotiator.Decide(payload, options);
        if (decision.Outcome == InitOutcome.Refused)
        {
            InitProblem = decision.Problem;
            return ReplyWriter.Error(reply, header.Unique, Errno.EPROTO);
        }
        int length = ReplyWriter.Struct(reply, header.Unique, decision.Reply);
        if (decision.Connection is { } connection)
        {
            fileSystem.Initialized(connection);
            _connection = connection;
        }
        return length;
    }

    private static bool Modifies(FuseOpcode opcode) => opcode is FuseOpcode.SetAttr or FuseOpcode.Symlink or FuseOpcode.MkNod
        or FuseOpcode.MkDir or FuseOpcode.Unlink or FuseOpcode.RmDir or FuseOpcode.Rename or FuseOpcode.Link or FuseOpcode.Write
        or FuseOpcode.SetXattr or FuseOpcode.RemoveXattr or FuseOpcode.Create
        or FuseOpcode.Fallocate or FuseOpcode.Rename2 or FuseOpcode.TmpFile;

    private static DispatchResult Fail(Span<byte> reply, in InHeader header, int errno) =>
        new(RequestParser.ExpectsReply(header.Opcode) ? ReplyWriter.Error(reply, header.Unique, errno) : 0);

    /// <summary>The answer to a request whose arguments are short or invalid.</summary>
    private static int Malformed(Span<byte> reply, ulong unique) => ReplyWriter.Error(reply, unique, Errno.EIO);

    private static int Answer(Span<byte> reply, ulong unique, int errno) =>
        errno == Errno.Ok ? ReplyWriter.Empty(reply, unique) : ReplyWriter.Error(reply, unique, errno);

    private void LogFailure(FuseOpcode opcode, ulong node, Exception e) => Log($"{opcode} on node {node} failed: {e.GetType().Name}: {e.Message}");

    private void Log(string message) => options.Log?.Invoke(message);
}
