using Erofs.Fuse.Abi;

namespace Erofs.Fuse.Protocol;

internal sealed partial class FuseDispatcher
{
    private int Lookup(in FuseContext context, ulong parent, ref PayloadReader args, Span<byte> reply)
    {
        if (!args.TryReadName(out var name))
            return Malformed(reply, context.Unique);
        int errno = fileSystem.Lookup(context, parent, name, out var entry);
        if (errno != Errno.Ok)
            return ReplyWriter.Error(reply, context.Unique, errno);
        if (entry.NodeId == 0 && entry.EntryTimeout <= TimeSpan.Zero)
            return ReplyWriter.Error(reply, context.Unique, Errno.ENOENT);
        return ReplyWriter.Struct(reply, context.Unique, AbiConvert.ToEntryOut(entry));
    }

    private int Forget(ulong node, ref PayloadReader args)
    {
        if (args.TryRead(out ForgetIn forget))
            fileSystem.Forget(node, forget.NLookup);
        return 0;
    }

    private int BatchForget(ref PayloadReader args)
    {
        if (!args.TryRead(out BatchForgetIn batch))
            return 0;
        for (uint i = 0; i < batch.Count && args.TryRead(out ForgetOne one); i++)
            fileSystem.Forget(one.NodeId, one.NLookup);
        return 0;
    }

    private int GetAttr(in FuseContext context, ulong node, Span<byte> reply)
    {
        // fuse_getattr_in only says which open file asked; attributes do not depend on it here.
        int errno = fileSystem.GetAttributes(context, node, out var attributes, out var timeout);
        return errno == Errno.Ok
            ? ReplyWriter.Struct(reply, context.Unique, AbiConvert.ToAttrOut(attributes, timeout))
            : ReplyWriter.Error(reply, context.Unique, errno);
    }

    private int ReadLink(in FuseContext context, ulong node, Span<byte> reply)
    {
        int errno = fileSystem.ReadLink(context, node, out var target);
        if (errno != Errno.Ok)
            return ReplyWriter.Error(reply, context.Unique, errno);
        if (target.Length == 0 || target.Length > reply.Length - ReplyWriter.HeaderSize)
            return ReplyWriter.Error(reply, context.Unique, Errno.EIO);
        return ReplyWriter.Bytes(reply, context.Unique, target);
    }

    private int StatFs(in FuseContext context, ulong node, Span<byte> reply)
    {
        int errno = fileSystem.StatFs(context, node, out var stats);
        return errno == Errno.Ok
            ? ReplyWriter.Struct(reply, context.Unique, AbiConvert.ToKStatfs(stats))
            : ReplyWriter.Error(reply, context.Unique, errno);
    }

    private int Access(in FuseContext context, ulong node, ref PayloadReader args, Span<byte> reply)
    {
        if (!args.TryRead(out AccessIn access))
            return Malformed(reply, context.Unique);
        return Answer(reply, context.Unique, fileSystem.Access(context, node, (int)access.Mask));
    }
}
