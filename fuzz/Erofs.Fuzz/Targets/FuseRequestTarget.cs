using System.Buffers.Binary;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using Erofs.Fuse;
using Erofs.Fuse.Abi;
using Erofs.Fuse.Protocol;
using Erofs.Reading;
using Erofs.Runtime;
using Erofs.Storage;

namespace Erofs.Fuzz.Targets;

/// <summary>
/// fuse-request: the input is a flags byte (bit 0: the input sends INIT itself) and then requests,
/// each a u16 length and that many bytes, handed as one /dev/fuse read to a <see cref="FuseDispatcher"/>
/// over an <see cref="ErofsFileSystem"/> serving a small image. The dispatcher answers EIO for any
/// exception; here an exception outside the allowed ones behind such an answer is a crash, and so
/// is a reply that is missing, mislabelled or longer than the buffer.
/// </summary>
internal sealed class FuseRequestTarget : IFuzzTarget
{
    public static string DefaultImagePath => Path.Combine(AppContext.BaseDirectory, "fuse-target.erofs");

    public const byte SendsOwnInit = 1;
    private const int MaxRequests = 64;

    private readonly byte[] _image;
    private readonly byte[] _reply = new byte[16 + (256 * 4096)];
    private readonly List<(Exception Error, string Stack)> _thrown = [];
    private readonly List<string> _failures = [];
    private bool _recording;

    public FuseRequestTarget(string imagePath)
    {
        _image = File.ReadAllBytes(imagePath);
        AppDomain.CurrentDomain.FirstChanceException += Record;
    }

    public string Name => "fuse-request";

    public void Run(byte[] input)
    {
        if (input.Length == 0)
            return;
        using var image = ErofsImage.Open(new MemoryBlockSource(_image), new ReadOptions { Conformance = ErofsConformance.Lax });
        var fileSystem = new ErofsFileSystem(image, new ErofsFileSystemOptions());
        var dispatcher = new FuseDispatcher(fileSystem, new FuseSessionOptions { Passthrough = false, Log = OnLog });
        if ((input[0] & SendsOwnInit) == 0 && !Send(dispatcher, FuseSeedWriter.InitRequest()))
            return;
        var rest = input.AsSpan(1);
        for (int i = 0; i < MaxRequests && rest.Length >= 2; i++)
        {
            int length = Math.Min(BinaryPrimitives.ReadUInt16LittleEndian(rest), rest.Length - 2);
            if (!Send(dispatcher, rest.Slice(2, length)))
                return;
            rest = rest[(2 + length)..];
        }
    }

    // Handles one request and checks the reply; false once the session has ended (DESTROY).
    private bool Send(FuseDispatcher dispatcher, ReadOnlySpan<byte> request)
    {
        _thrown.Clear();
        _failures.Clear();
        _recording = true;
        DispatchResult result;
        try
        {
            result = dispatcher.Handle(request, _reply);
        }
        finally
        {
            _recording = false;
        }
        ThrowIfDisallowed();
        CheckReply(request, result);
        return !result.Stop;
    }

    private void CheckReply(ReadOnlySpan<byte> request, DispatchResult result)
    {
        if (result.ReplyLength < 0 || result.ReplyLength > _reply.Length)
            throw new FuzzInvariantException($"reply length {result.ReplyLength} outside the buffer");
        if (request.Length < RequestParser.HeaderSize)
            return;
        var header = MemoryMarshal.Read<InHeader>(request);
        if (result.ReplyLength == 0)
        {
            if (RequestParser.ExpectsReply(header.Opcode))
                throw new FuzzInvariantException($"opcode {header.Opcode} expects a reply and got none");
            return;
        }
        var reply = MemoryMarshal.Read<OutHeader>(_reply);
        if (reply.Len != result.ReplyLength || reply.Unique != header.Unique || reply.Error > 0 || reply.Error <= -4096)
            throw new FuzzInvariantException($"opcode {header.Opcode}: reply header len {reply.Len} error {reply.Error} unique {reply.Unique} for {result.ReplyLength} bytes to request {header.Unique}");
        if (reply.Error != 0 && reply.Len != ReplyWriter.HeaderSize)
            throw new FuzzInvariantException($"opcode {header.Opcode}: error {reply.Error} with a {reply.Len}-byte reply");
    }

    // The dispatcher logs "... failed: TYPE: message" when a handler threw; find that exception.
    private void ThrowIfDisallowed()
    {
        foreach (string failure in _failures)
        {
            foreach (var (error, stack) in _thrown)
            {
                if (!AllowedExceptions.ForImages(error) && failure.Contains($" failed: {error.GetType().Name}: ", StringComparison.Ordinal))
                    throw new FuzzInvariantException($"dispatcher answered EIO for {error.GetType()}: {error.Message}\n{stack}");
            }
        }
    }

    private void OnLog(string message)
    {
        if (message.Contains(" failed: ", StringComparison.Ordinal))
            _failures.Add(message);
    }

    private void Record(object? sender, FirstChanceExceptionEventArgs e)
    {
        if (_recording && _thrown.Count < 32)
            _thrown.Add((e.Exception, Environment.StackTrace));
    }
}
