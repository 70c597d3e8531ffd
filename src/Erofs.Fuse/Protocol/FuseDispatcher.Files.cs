using Erofs.Fuse.Abi;

namespace Erofs.Fuse.Protocol;

internal sealed partial class FuseDispatcher
{
    private int Open(in FuseContext context, ulong node, ref PayloadReader args, Span<byte> reply, bool directory)
    {
        if (!args.TryRead(out OpenIn open))
            return Malformed(reply, context.Unique);
        if (!directory)
            return OpenFile(context, node, (int)open.Flags, reply);
        int errno = fileSystem.OpenDirectory(context, node, (int)open.Flags, out var result);
        return OpenAnswered(context.Unique, node, errno, result, reply);
    }

    // The handler answers now, or takes the reply (context.Defer) and returns Errno.Deferred.
    private int OpenFile(in FuseContext context, ulong node, int flags, Span<byte> reply)
    {
        var later = context.Deferrable;
        int errno;
        FuseOpenResult result;
        try
        {
            errno = fileSystem.Open(context, node, flags, out result);
        }
        catch (Exception e)
        {
            // Answered here rather than by Handle, so a reply the handler took is not answered twice.
            LogFailure(FuseOpcode.Open, node, e);
            (errno, result) = (Errno.EIO, default);
        }
        if (later is not null && later.CloseHandover())
        {
            if (errno == Errno.Deferred)
                return 0;
            Log($"open of node {node} took its reply but also answered {errno}; the first answer stands");
            if (!later.TryWithdraw())
                return 0;
        }
        else if (errno == Errno.Deferred)
        {
            Log($"open of node {node} returned Errno.Deferred without taking its reply");
        }
        return OpenAnswered(context.Unique, node, errno, result, reply);
    }

    private int OpenAnswered(ulong unique, ulong node, int errno, in FuseOpenResult result, Span<byte> reply) => errno == Errno.Ok
        ? OpenAnswer.Write(reply, unique, node, result, _connection?.Passthrough == true, options.Log, out _)
        : ReplyWriter.Error(reply, unique, errno);

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
