using System.Runtime.InteropServices;
using Erofs.Fuse;
using Erofs.Fuse.Abi;
using Erofs.Fuse.Protocol;

namespace Erofs.Tests.Fuse;

/// <summary>READDIR and READDIRPLUS packing: 8-byte aligned records, offsets, and nothing past the size asked.</summary>
public sealed class DirectoryBufferTests
{
    private readonly FuseDispatcher _dispatcher;
    private readonly byte[] _reply = new byte[1 << 20];

    public DirectoryBufferTests()
    {
        _dispatcher = new FuseDispatcher(new FakeFileSystem(), new FuseSessionOptions());
        _dispatcher.Handle(Requests.Init(), _reply);
    }

    private byte[] ReadDir(bool plus, uint size, ulong offset = 0)
    {
        var opcode = plus ? FuseOpcode.ReadDirPlus : FuseOpcode.ReadDir;
        var result = _dispatcher.Handle(Requests.Struct(opcode, 40, new ReadIn { Size = size, Offset = offset }, node: 1), _reply);
        Assert.Equal(0, Requests.Header(_reply).Error);
        return _reply[16..result.ReplyLength];
    }

    [Fact]
    public void PlainEntriesAreAlignedWithNextOffsets()
    {
        var bytes = ReadDir(plus: false, size: 4096);

        // ".", "..", "file", "bad": each 24-byte header + name, padded to 8.
        Assert.Equal(32 + 32 + 32 + 32, bytes.Length);
        var third = MemoryMarshal.Read<DirentHeader>(bytes.AsSpan(64));
        Assert.Equal(3UL, third.Off);
        Assert.Equal(4u, third.NameLen);
        Assert.Equal(8u, third.Type);
        Assert.Equal("file"u8.ToArray(), bytes[88..92]);
    }

    [Fact]
    public void PlusEntriesCarryEntryOutAndDotsHaveNoNode()
    {
        var bytes = ReadDir(plus: true, size: 4096);

        var dot = MemoryMarshal.Read<EntryOut>(bytes);
        Assert.Equal(0UL, dot.NodeId);
        int second = 160; // 128 + 24 + "." padded
        int third = second + 160;
        var file = MemoryMarshal.Read<EntryOut>(bytes.AsSpan(third));
        Assert.Equal(2UL, file.NodeId);
        Assert.Equal(0x81A4u, file.Attr.Mode);
        var dirent = MemoryMarshal.Read<DirentHeader>(bytes.AsSpan(third + 128));
        Assert.Equal(102UL, dirent.Ino);
        Assert.Equal(3UL, dirent.Off);
    }

    [Fact]
    public void SmallBufferStopsBeforeOverflowingAndOffsetResumes()
    {
        var first = ReadDir(plus: false, size: 70);
        Assert.Equal(64, first.Length);
        var rest = ReadDir(plus: false, size: 4096, offset: 2);
        Assert.Equal(64, rest.Length);
        Assert.Equal("file"u8.ToArray(), rest[24..28]);
        Assert.Empty(ReadDir(plus: false, size: 4096, offset: 4));
        Assert.Empty(ReadDir(plus: true, size: 100));
    }

    [Fact]
    public void InvalidNamesAreRefused()
    {
        Assert.False(FuseDirectoryBuffer.IsValidName(""u8));
        Assert.False(FuseDirectoryBuffer.IsValidName("a/b"u8));
        Assert.False(FuseDirectoryBuffer.IsValidName("a\0b"u8));
        Assert.False(FuseDirectoryBuffer.IsValidName(new byte[1025]));
        Assert.True(FuseDirectoryBuffer.IsValidName("ok"u8));
        var buffer = new FuseDirectoryBuffer(new byte[256], plus: false);
        try
        {
            buffer.TryAdd("a/b"u8, 1, 8, 1);
            Assert.Fail("a name with '/' was accepted");
        }
        catch (ArgumentException e)
        {
            Assert.Contains("'/'", e.Message, StringComparison.Ordinal);
        }
    }
}
