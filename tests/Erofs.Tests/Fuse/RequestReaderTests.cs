using System.Runtime.InteropServices;
using Erofs.Fuse;
using Erofs.Fuse.Abi;
using Erofs.Fuse.Protocol;

namespace Erofs.Tests.Fuse;

/// <summary>
/// The bounds-checked request reader: short, inconsistent or garbage requests get EIO or are dropped,
/// never an exception; every request that expects an answer gets exactly one, others none.
/// </summary>
public sealed class RequestReaderTests
{
    private readonly FakeFileSystem _fs = new();
    private readonly FuseDispatcher _dispatcher;
    private readonly byte[] _reply = new byte[16 + (256 * 4096)];

    public RequestReaderTests()
    {
        _dispatcher = new FuseDispatcher(_fs, new FuseSessionOptions());
        Assert.True(_dispatcher.Handle(Requests.Init(), _reply).ReplyLength > 0);
    }

    private (DispatchResult Result, OutHeader Header) Send(byte[] request)
    {
        Array.Clear(_reply);
        var result = _dispatcher.Handle(request, _reply);
        return (result, result.ReplyLength > 0 ? Requests.Header(_reply) : default);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(39)]
    public void RequestShorterThanAHeaderIsDropped(int length)
    {
        Assert.Equal(ParseOutcome.Drop, RequestParser.Parse(new byte[length], out _, out _));
        Assert.Equal(0, Send(new byte[length]).Result.ReplyLength);
    }

    [Fact]
    public void LengthMismatchIsAnsweredWithEio()
    {
        var request = Requests.Make(FuseOpcode.GetAttr, 7, new byte[16]);
        MemoryMarshal.Write(request, (uint)(request.Length + 8));

        var (result, header) = Send(request);

        Assert.Equal(16, result.ReplyLength);
        Assert.Equal(-Errno.EIO, header.Error);
        Assert.Equal(7UL, header.Unique);
        Assert.Equal(16u, header.Len);
    }

    [Fact]
    public void ExtensionLongerThanThePayloadIsMalformed()
    {
        var request = Requests.Make(FuseOpcode.GetAttr, 8, new byte[16]);
        request[36] = 3; // total_extlen: 24 bytes of extensions, but only 16 bytes follow the header

        Assert.Equal(ParseOutcome.Malformed, RequestParser.Parse(request, out _, out _));
        Assert.Equal(-Errno.EIO, Send(request).Header.Error);
    }

    [Fact]
    public void ExtensionsAreCutFromThePayload()
    {
        var request = Requests.Make(FuseOpcode.Lookup, 9, [.. Requests.Name("file"), .. new byte[7], .. new byte[8]]);
        request[36] = 1;

        Assert.Equal(ParseOutcome.Ok, RequestParser.Parse(request, out var header, out var payload));
        Assert.Equal(9UL, header.Unique);
        Assert.Equal(12, payload.Length);
    }

    [Fact]
    public void LookupWithoutTerminatingNulIsEio()
    {
        var (result, header) = Send(Requests.Make(FuseOpcode.Lookup, 10, "file"u8));

        Assert.Equal(16, result.ReplyLength);
        Assert.Equal(-Errno.EIO, header.Error);
    }

    [Fact]
    public void LookupAnswersAnEntry()
    {
        var (result, header) = Send(Requests.Make(FuseOpcode.Lookup, 11, Requests.Name("file"), node: 1));

        Assert.Equal(16 + 128, result.ReplyLength);
        Assert.Equal(0, header.Error);
        var entry = Requests.Payload<EntryOut>(_reply);
        Assert.Equal(2UL, entry.NodeId);
        Assert.Equal(1UL, entry.EntryValid);
        Assert.Equal(2UL, entry.AttrValid);
        Assert.Equal(102UL, entry.Attr.Ino);
        Assert.Equal(5u, entry.Attr.MtimeNsec);
        Assert.Equal(-Errno.ENOENT, Send(Requests.Make(FuseOpcode.Lookup, 12, Requests.Name("nope"), node: 1)).Header.Error);
    }

    [Theory]
    [InlineData(FuseOpcode.GetAttr, 0)]
    [InlineData(FuseOpcode.Read, 39)]
    [InlineData(FuseOpcode.Open, 7)]
    [InlineData(FuseOpcode.Release, 23)]
    [InlineData(FuseOpcode.ReadDirPlus, 12)]
    [InlineData(FuseOpcode.GetXattr, 8)]
    [InlineData(FuseOpcode.ListXattr, 4)]
    [InlineData(FuseOpcode.Access, 2)]
    public void ShortArgumentsAreEio(FuseOpcode opcode, int length)
    {
        var (result, header) = Send(Requests.Make(opcode, 13, new byte[length], node: 2));

        // GETATTR's argument only names the open file asking, so it is not needed.
        Assert.Equal(opcode == FuseOpcode.GetAttr ? 16 + 104 : 16, result.ReplyLength);
        Assert.Equal(opcode == FuseOpcode.GetAttr ? 0 : -Errno.EIO, header.Error);
    }

    [Fact]
    public void FlushIsNotImplementedSoTheKernelStopsSendingIt()
    {
        var (result, header) = Send(Requests.Make(FuseOpcode.Flush, 16, new byte[24], node: 2));
        Assert.Equal(16, result.ReplyLength);
        Assert.Equal(-Errno.ENOSYS, header.Error);
    }

    [Theory]
    [InlineData(FuseOpcode.Forget)]
    [InlineData(FuseOpcode.BatchForget)]
    [InlineData(FuseOpcode.Interrupt)]
    public void RequestsWithoutAnswerGetNoneEvenWhenMalformed(FuseOpcode opcode)
    {
        Assert.Equal(0, Send(Requests.Make(opcode, 14, new byte[3])).Result.ReplyLength);
        Assert.Equal(0, Send(Requests.Make(opcode, 15, new byte[64])).Result.ReplyLength);
    }

    [Fact]
    public void BatchForgetReadsOnlyTheEntriesPresent()
    {
        var payload = new List<byte>(Requests.Bytes(new BatchForgetIn { Count = 1000 }));
        payload.AddRange(Requests.Bytes(new ForgetOne { NodeId = 2, NLookup = 3 }));
        payload.AddRange(Requests.Bytes(new ForgetOne { NodeId = 4, NLookup = 1 }));
        payload.AddRange(new byte[9]);

        Assert.Equal(0, Send(Requests.Make(FuseOpcode.BatchForget, 16, payload.ToArray())).Result.ReplyLength);
        Assert.Equal([(2UL, 3UL), (4UL, 1UL)], _fs.Forgotten);
    }

    [Fact]
    public void UnknownOpcodeIsEnosysAndModifyingOnesAreErofs()
    {
        Assert.Equal(-Errno.ENOSYS, Send(Requests.Make((FuseOpcode)4242, 17, [])).Header.Error);
        Assert.Equal(-Errno.ENOSYS, Send(Requests.Make(FuseOpcode.Lseek, 18, new byte[24])).Header.Error);
        Assert.Equal(-Errno.EROFS, Send(Requests.Make(FuseOpcode.Write, 19, new byte[40])).Header.Error);
        Assert.Equal(-Errno.EROFS, Send(Requests.Make(FuseOpcode.MkDir, 20, new byte[16])).Header.Error);
    }

    [Fact]
    public void HandlerThatThrowsIsAnsweredWithEio()
    {
        Assert.Equal(-Errno.EIO, Send(Requests.Make(FuseOpcode.Lookup, 21, Requests.Name("throws"), node: 1)).Header.Error);
        var read = Send(Requests.Struct(FuseOpcode.Read, 22, new ReadIn { Size = 4096 }, node: 3));
        Assert.Equal(16, read.Result.ReplyLength);
        Assert.Equal(-Errno.EIO, read.Header.Error);
    }

    [Fact]
    public void ReadAnswersTheBytesAfterTheHeader()
    {
        var (result, header) = Send(Requests.Struct(FuseOpcode.Read, 23, new ReadIn { Offset = 1, Size = 4096 }, node: 2));

        Assert.Equal(16 + 4, result.ReplyLength);
        Assert.Equal((uint)result.ReplyLength, header.Len);
        Assert.Equal("ello"u8.ToArray(), _reply[16..20]);
    }

    [Fact]
    public void ReadOffsetBeyondLongIsEio()
    {
        Assert.Equal(-Errno.EIO, Send(Requests.Struct(FuseOpcode.Read, 24, new ReadIn { Offset = ulong.MaxValue, Size = 10 }, node: 2)).Header.Error);
    }

    [Fact]
    public void XattrSizeQueriesAndSmallBuffers()
    {
        byte[] Get(uint size) => Requests.Make(FuseOpcode.GetXattr, 25, [.. Requests.Bytes(new GetxattrIn { Size = size }), .. Requests.Name("user.x")]);

        var query = Send(Get(0));
        Assert.Equal(16 + 8, query.Result.ReplyLength);
        Assert.Equal(9u, Requests.Payload<GetxattrOut>(_reply).Size);
        Assert.Equal(-Errno.ERANGE, Send(Get(8)).Header.Error);
        Assert.Equal(16 + 9, Send(Get(9)).Result.ReplyLength);
        Assert.Equal("value-123"u8.ToArray(), _reply[16..25]);

        var list = Send(Requests.Struct(FuseOpcode.ListXattr, 26, new GetxattrIn { Size = 100 }));
        Assert.Equal("user.x\0trusted.y\0"u8.ToArray(), _reply[16..list.Result.ReplyLength]);
    }

    [Fact]
    public void DestroyIsAnsweredAndStopsTheWorker()
    {
        var (result, header) = Send(Requests.Make(FuseOpcode.Destroy, 27, []));

        Assert.True(result.Stop);
        Assert.Equal(16, result.ReplyLength);
        Assert.Equal(0, header.Error);
        Assert.True(_fs.Destroyed);
    }

    [Fact]
    public void RandomBytesNeverThrowAndGetAtMostOneReplyForTheirId()
    {
        var random = new Random(1234);
        for (int i = 0; i < 20000; i++)
        {
            var request = new byte[random.Next(0, 300)];
            random.NextBytes(request);
            if (request.Length >= 40 && random.Next(2) == 0)
            {
                MemoryMarshal.Write(request, (uint)request.Length);                // consistent length
                MemoryMarshal.Write(request.AsSpan(4), (uint)random.Next(0, 60));  // a real opcode, mostly
                request[36] = request[37] = 0;
            }
            var result = _dispatcher.Handle(request, _reply);
            if (result.ReplyLength == 0)
                continue;
            var header = Requests.Header(_reply);
            Assert.Equal((uint)result.ReplyLength, header.Len);
            Assert.Equal(MemoryMarshal.Read<ulong>(request.AsSpan(8)), header.Unique);
            Assert.True(header.Error <= 0);
        }
    }

    [Fact]
    public void TruncatedValidRequestsGetEioNotAnException()
    {
        byte[][] valid =
        [
            Requests.Struct(FuseOpcode.Read, 30, new ReadIn { Size = 100 }, node: 2),
            Requests.Struct(FuseOpcode.Open, 31, new OpenIn(), node: 2),
            Requests.Make(FuseOpcode.GetXattr, 32, [.. Requests.Bytes(new GetxattrIn { Size = 64 }), .. Requests.Name("user.x")]),
            Requests.Struct(FuseOpcode.ReadDir, 33, new ReadIn { Size = 4096 }, node: 1),
        ];
        foreach (var request in valid)
        {
            for (int cut = 40; cut < request.Length; cut++)
            {
                var shorter = request[..cut];
                MemoryMarshal.Write(shorter, (uint)cut);
                var result = _dispatcher.Handle(shorter, _reply);
                Assert.Equal(16, result.ReplyLength);
                Assert.Equal(-Errno.EIO, Requests.Header(_reply).Error);
            }
        }
    }
}
