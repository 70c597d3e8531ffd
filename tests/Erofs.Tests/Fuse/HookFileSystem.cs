using Erofs.Fuse;

namespace Erofs.Tests.Fuse;

/// <summary>A file system whose OPEN, and GETATTR and OPENDIR, run the test's code.</summary>
internal sealed class HookFileSystem : IFuseFileSystem
{
    public Func<FuseContext, (int Errno, FuseOpenResult Result)> OnOpen { get; set; } = _ => (Errno.Ok, default);

    /// <summary>Answers GETATTR and OPENDIR.</summary>
    public Func<FuseContext, int> OnOther { get; set; } = _ => Errno.Ok;

    public int Lookup(in FuseContext context, ulong parent, ReadOnlySpan<byte> name, out FuseEntry entry)
    {
        entry = default;
        return Errno.ENOENT;
    }

    public int GetAttributes(in FuseContext context, ulong node, out FuseAttributes attributes, out TimeSpan timeout)
    {
        (attributes, timeout) = (new FuseAttributes { Ino = node, Mode = 0x81A4, Nlink = 1 }, TimeSpan.Zero);
        return OnOther(context);
    }

    public int Open(in FuseContext context, ulong node, int flags, out FuseOpenResult result)
    {
        (int errno, result) = OnOpen(context);
        return errno;
    }

    public int OpenDirectory(in FuseContext context, ulong node, int flags, out FuseOpenResult result)
    {
        result = default;
        return OnOther(context);
    }
}
