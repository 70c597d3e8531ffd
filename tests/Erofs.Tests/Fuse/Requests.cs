using System.Runtime.InteropServices;
using System.Text;
using Erofs.Fuse.Abi;
using Erofs.Fuse.Protocol;

namespace Erofs.Tests.Fuse;

/// <summary>Builds raw requests as the kernel writes them, and reads replies back.</summary>
internal static class Requests
{
    public const ulong Node = 5;

    public static byte[] Make(FuseOpcode opcode, ulong unique, ReadOnlySpan<byte> payload, ulong node = Node)
    {
        var bytes = new byte[40 + payload.Length];
        var header = new InHeader { Len = (uint)bytes.Length, Opcode = (uint)opcode, Unique = unique, NodeId = node, Uid = 1000, Gid = 1000, Pid = 42 };
        MemoryMarshal.Write(bytes, in header);
        payload.CopyTo(bytes.AsSpan(40));
        return bytes;
    }

    public static byte[] Struct<T>(FuseOpcode opcode, ulong unique, T value, ulong node = Node)
        where T : unmanaged => Make(opcode, unique, Bytes(value), node);

    public static byte[] Bytes<T>(T value)
        where T : unmanaged
    {
        var bytes = new byte[Marshal.SizeOf<T>()];
        MemoryMarshal.Write(bytes, in value);
        return bytes;
    }

    public static byte[] Name(string name) => [.. Encoding.UTF8.GetBytes(name), 0];

    public static byte[] Init(uint major = 7, uint minor = 45, uint flags = 0x73FFFFFB, uint flags2 = 0x5FD) =>
        Struct(FuseOpcode.Init, 1, new InitIn { Major = major, Minor = minor, MaxReadahead = 131072, Flags = flags, Flags2 = flags2 }, node: 0);

    public static OutHeader Header(ReadOnlySpan<byte> reply) => MemoryMarshal.Read<OutHeader>(reply);

    public static T Payload<T>(ReadOnlySpan<byte> reply)
        where T : unmanaged => MemoryMarshal.Read<T>(reply[16..]);
}
