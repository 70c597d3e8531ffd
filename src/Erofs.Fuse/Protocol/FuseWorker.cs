using System.Runtime.InteropServices;

namespace Erofs.Fuse.Protocol;

/// <summary>
/// One serving thread: reads requests from its own device descriptor, dispatches each, writes the
/// reply (unless the handler deferred it: then the reply object writes it later on the same
/// descriptor, with its own buffer). Stops when the connection ends (ENODEV), on DESTROY, or on an
/// unexpected device error.
/// </summary>
internal sealed unsafe class FuseWorker : IDisposable
{
    private const int ENOENT = 2;
    private const int EINTR = 4;
    private const int EAGAIN = 11;
    private const int ENODEV = 19;
    private const int RequestBufferSize = 132 * 1024;

    private readonly FuseDevice _device;
    private readonly FuseDispatcher _dispatcher;
    private readonly Action<string>? _log;
    private readonly byte* _request;
    private readonly byte* _reply;
    private readonly int _replySize;
    private readonly Thread _thread;

    public FuseWorker(FuseDevice device, FuseDispatcher dispatcher, int maxPages, string name, Action<string>? log)
    {
        _device = device;
        _dispatcher = dispatcher;
        _log = log;
        _replySize = ReplyWriter.HeaderSize + Math.Max(maxPages, 32) * 4096;
        _request = (byte*)NativeMemory.AlignedAlloc(RequestBufferSize, 4096);
        _reply = (byte*)NativeMemory.AlignedAlloc((nuint)_replySize, 4096);
        _thread = new Thread(Run) { IsBackground = true, Name = name };
    }

    /// <summary>Set when this worker saw DESTROY.</summary>
    public bool SawDestroy { get; private set; }

    /// <summary>The device error that stopped the worker, or null for a clean end.</summary>
    public string? Failure { get; private set; }

    public void Start() => _thread.Start();

    public bool Join(TimeSpan timeout) => _thread.Join(timeout);

    /// <summary>Serves one request on the calling thread (used for INIT before the workers start); false when the connection ended.</summary>
    public bool ServeOne()
    {
        var request = new Span<byte>(_request, RequestBufferSize);
        var reply = new Span<byte>(_reply, _replySize);
        int n = _device.Read(request);
        if (n < 0)
        {
            // ENOENT: the request was interrupted before we read it; EINTR/EAGAIN: try again.
            bool transient = -n is EINTR or EAGAIN or ENOENT;
            return transient || Stop(-n, "read");
        }
        var result = _dispatcher.Handle(request[..n], reply, _device);
        if (result.ReplyLength > 0)
        {
            int errno = _device.Write(reply[..result.ReplyLength]);
            // ENOENT: the kernel gave up on the request (interrupted); nobody waits for the answer.
            if (errno != 0 && errno != ENOENT)
                return Stop(errno, "write");
        }
        if (result.Stop)
            SawDestroy = true;
        return !result.Stop;
    }

    private void Run()
    {
        while (ServeOne())
        {
        }
    }

    private bool Stop(int errno, string call)
    {
        if (errno != ENODEV)
        {
            Failure = $"{call} on /dev/fuse: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})";
            _log?.Invoke(Failure);
        }
        return false;
    }

    public void Dispose()
    {
        NativeMemory.AlignedFree(_request);
        NativeMemory.AlignedFree(_reply);
    }
}
