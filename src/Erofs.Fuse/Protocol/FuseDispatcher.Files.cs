using Erofs.Fuse.Abi;

namespace Erofs.Fuse.Protocol;

internal sealed partial class FuseDispatcher
{
    private int Open(in FuseContext context, ulong node, ref PayloadReader args, Span<byte> reply, bool directory)
    {
        if (!args.TryRead(out OpenIn open))
            return Malformed(reply, context.Unique);
        int errno = directory
            ? fileSystem.OpenDirectory(context, node, (int)open.Flags, out var result)
            : fileSystem.Open(context, node, (int)open.Flags, out result);
        if (errno != Errno.Ok)
            return ReplyWriter.Error(reply, context.Unique, errno);
        if ((result.Flags & FuseOpenFlags.Passthrough) != 0 && _connection?.Passthrough != true)
        {
            Log($"open of node {node} asked for passthrough, which this connection does not have");
            return ReplyWriter.Error(reply, context.Unique, Errno.EIO);
        }
        var answer = new OpenOut { Fh = result.Handle, OpenFlags = (uint)result.Flags, BackingId = result.BackingId };
        return ReplyWriter.Struct(reply, context.Unique, answer);
    }

    private int Read(in FuseContext context, ulong node, ref PayloadReader args, Span<byte> reply)
    {
        if (!args.TryRead(out ReadIn read) || read.Offset > long.MaxValue)
            return Malformed(reply, context.Unique);
        int size = (int)Math.Min(read.Size, (uint)(reply.Length - ReplyWriter.HeaderSize));
        var destination = reply.Slice(ReplyWriter.HeaderSize, size);
        int errno = fileSystem.Read(context, node, read.Fh, (long)read.Offset, destination, out int count);
        if (errno != Errno.Ok)
            return ReplyWriter.Error(reply, context.Unique, errno);
        if ((uint)count > (uint)size)
            return ReplyWriter.Error(reply, context.Unique, Errno.EIO);
        return ReplyWriter.Written(reply, context.Unique, count);
    }

    private int Release(in FuseContext context, ulong node, ref PayloadReader args, Span<byte> reply, bool directory)
    {
        if (!args.TryRead(out ReleaseIn release))
            return Malformed(reply, context.Unique);
        if (directory)
            fileSystem.ReleaseDirectory(context, node, release.Fh);
        else
            fileSystem.Release(context, node, release.Fh);
        return ReplyWriter.Empty(reply, context.Unique);
    }

    private int ReadDirectory(in FuseContext context, ulong node, ref PayloadReader args, Span<byte> reply, bool plus)
    {
        if (!args.TryRead(out ReadIn read) || read.Offset > long.MaxValue)
            return Malformed(reply, context.Unique);
        int size = (int)Math.Min(read.Size, (uint)(reply.Length - ReplyWriter.HeaderSize));
        var buffer = new FuseDirectoryBuffer(reply.Slice(ReplyWriter.HeaderSize, size), plus);
        int errno = fileSystem.ReadDirectory(context, node, read.Fh, (long)read.Offset, ref buffer);
        return errno == Errno.Ok
            ? ReplyWriter.Written(reply, context.Unique, buffer.Length)
            : ReplyWriter.Error(reply, context.Unique, errno);
    }
}
