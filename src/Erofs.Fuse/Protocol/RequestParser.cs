using System.Runtime.InteropServices;
using Erofs.Fuse.Abi;

namespace Erofs.Fuse.Protocol;

/// <summary>What to do with bytes read from the device.</summary>
internal enum ParseOutcome
{
    /// <summary>A well-formed request.</summary>
    Ok,
    /// <summary>Too short to hold a header: there is no request id to answer, so drop it.</summary>
    Drop,
    /// <summary>The header is readable but the lengths disagree: answer EIO (if the opcode expects an answer).</summary>
    Malformed,
}

/// <summary>Splits a request read from /dev/fuse into its header and argument bytes, checking every length.</summary>
internal static class RequestParser
{
    /// <summary>Size of <c>struct fuse_in_header</c>.</summary>
    public static readonly int HeaderSize = Marshal.SizeOf<InHeader>();

    /// <summary>
    /// Parses <paramref name="data"/> (exactly what one read returned). The payload excludes request
    /// extensions (security contexts, supplementary groups), which a read-only file system ignores.
    /// </summary>
    public static ParseOutcome Parse(ReadOnlySpan<byte> data, out InHeader header, out ReadOnlySpan<byte> payload)
    {
        payload = default;
        if (data.Length < HeaderSize)
        {
            header = default;
            return ParseOutcome.Drop;
        }
        header = MemoryMarshal.Read<InHeader>(data);
        if (header.Len != (uint)data.Length)
            return ParseOutcome.Malformed;
        int extensions = header.TotalExtLen * 8;
        if (extensions > data.Length - HeaderSize)
            return ParseOutcome.Malformed;
        payload = data[HeaderSize..(data.Length - extensions)];
        return ParseOutcome.Ok;
    }

    /// <summary>FORGET, BATCH_FORGET, INTERRUPT (and NOTIFY_REPLY) are never answered.</summary>
    public static bool ExpectsReply(uint opcode) =>
        (FuseOpcode)opcode is not (FuseOpcode.Forget or FuseOpcode.BatchForget or FuseOpcode.Interrupt or FuseOpcode.NotifyReply);
}
