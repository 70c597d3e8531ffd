using System.Text;
using Erofs.Fuse.Abi;

namespace Erofs.Fuse.Protocol;

internal sealed partial class FuseDispatcher
{
    private int GetXattr(in FuseContext context, ulong node, ref PayloadReader args, Span<byte> reply)
    {
        if (!args.TryRead(out GetxattrIn request) || !args.TryReadName(out var rawName))
            return Malformed(reply, context.Unique);
        int errno = fileSystem.GetXattr(context, node, Encoding.UTF8.GetString(rawName), out var value);
        return errno == Errno.Ok
            ? SizedAnswer(reply, context.Unique, request.Size, value)
            : ReplyWriter.Error(reply, context.Unique, errno);
    }

    private int ListXattr(in FuseContext context, ulong node, ref PayloadReader args, Span<byte> reply)
    {
        if (!args.TryRead(out GetxattrIn request))
            return Malformed(reply, context.Unique);
        int errno = fileSystem.ListXattr(context, node, out var names);
        if (errno != Errno.Ok)
            return ReplyWriter.Error(reply, context.Unique, errno);
        var list = new List<byte>();
        foreach (string name in names)
        {
            list.AddRange(Encoding.UTF8.GetBytes(name));
            list.Add(0);
        }
        return SizedAnswer(reply, context.Unique, request.Size, [.. list]);
    }

    // getxattr/listxattr: size 0 asks for the length; a smaller buffer than the value is ERANGE.
    private static int SizedAnswer(Span<byte> reply, ulong unique, uint callerSize, ReadOnlySpan<byte> value)
    {
        if (callerSize == 0)
            return ReplyWriter.Struct(reply, unique, new GetxattrOut { Size = (uint)value.Length });
        if ((uint)value.Length > callerSize)
            return ReplyWriter.Error(reply, unique, Errno.ERANGE);
        if (value.Length > reply.Length - ReplyWriter.HeaderSize)
            return ReplyWriter.Error(reply, unique, Errno.EIO);
        return ReplyWriter.Bytes(reply, unique, value);
    }
}
