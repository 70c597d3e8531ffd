using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Erofs.Fuse.Abi;

namespace Erofs.Fuse.Protocol;

/// <summary>Writes replies (<c>fuse_out_header</c> plus payload) into a worker's reply buffer; each returns the reply's length.</summary>
internal static class ReplyWriter
{
    /// <summary>Size of <c>struct fuse_out_header</c>: payloads start here.</summary>
    public static readonly int HeaderSize = Marshal.SizeOf<OutHeader>();

    /// <summary>
    /// An error reply (errno positive here, negated on the wire). Anything but 1 to 511 (either sign),
    /// such as <see cref="Errno.Deferred"/>, becomes EIO: the kernel refuses the write of other values,
    /// and a refused write stops the worker.
    /// </summary>
    public static int Error(Span<byte> reply, ulong unique, int errno) =>
        Header(reply, unique, errno is > -512 and < 512 and not 0 ? -Math.Abs(errno) : -Errno.EIO, 0);

    /// <summary>A success reply without payload.</summary>
    public static int Empty(Span<byte> reply, ulong unique) => Header(reply, unique, 0, 0);

    /// <summary>A success reply carrying one struct.</summary>
    public static int Struct<T>(Span<byte> reply, ulong unique, in T value)
        where T : unmanaged
    {
        MemoryMarshal.Write(reply[HeaderSize..], in value);
        return Header(reply, unique, 0, Unsafe.SizeOf<T>());
    }

    /// <summary>A success reply carrying bytes (copied in).</summary>
    public static int Bytes(Span<byte> reply, ulong unique, ReadOnlySpan<byte> payload)
    {
        payload.CopyTo(reply[HeaderSize..]);
        return Header(reply, unique, 0, payload.Length);
    }

    /// <summary>A success reply whose payload was already written at <see cref="HeaderSize"/>.</summary>
    public static int Written(Span<byte> reply, ulong unique, int payloadLength) => Header(reply, unique, 0, payloadLength);

    private static int Header(Span<byte> reply, ulong unique, int error, int payloadLength)
    {
        int length = HeaderSize + payloadLength;
        var header = new OutHeader { Len = (uint)length, Error = error, Unique = unique };
        MemoryMarshal.Write(reply, in header);
        return length;
    }
}
