using Erofs.Fuse.Abi;

namespace Erofs.Fuse.Protocol;

/// <summary>Turns the public answer types into their wire structs.</summary>
internal static class AbiConvert
{
    public static Attr ToAttr(in FuseAttributes a) => new()
    {
        Ino = a.Ino,
        Size = a.Size,
        Blocks = a.Blocks,
        Atime = (ulong)a.AtimeSeconds,
        AtimeNsec = a.AtimeNanoseconds,
        Mtime = (ulong)a.MtimeSeconds,
        MtimeNsec = a.MtimeNanoseconds,
        Ctime = (ulong)a.CtimeSeconds,
        CtimeNsec = a.CtimeNanoseconds,
        Mode = a.Mode,
        Nlink = a.Nlink,
        Uid = a.Uid,
        Gid = a.Gid,
        Rdev = a.Rdev,
        BlkSize = a.BlockSize,
    };

    public static EntryOut ToEntryOut(in FuseEntry e)
    {
        var (entrySeconds, entryNanos) = Split(e.EntryTimeout);
        var (attrSeconds, attrNanos) = Split(e.AttributeTimeout);
        return new EntryOut
        {
            NodeId = e.NodeId,
            Generation = e.Generation,
            EntryValid = entrySeconds,
            EntryValidNsec = entryNanos,
            AttrValid = e.NodeId == 0 ? 0 : attrSeconds,
            AttrValidNsec = e.NodeId == 0 ? 0 : attrNanos,
            Attr = e.NodeId == 0 ? default : ToAttr(e.Attributes),
        };
    }

    public static AttrOut ToAttrOut(in FuseAttributes attributes, TimeSpan timeout)
    {
        var (seconds, nanos) = Split(timeout);
        return new AttrOut { AttrValid = seconds, AttrValidNsec = nanos, Attr = ToAttr(attributes) };
    }

    public static KStatfs ToKStatfs(in FuseStatFs s) => new()
    {
        Blocks = s.Blocks,
        Bfree = s.FreeBlocks,
        Bavail = s.AvailableBlocks,
        Files = s.Files,
        Ffree = s.FreeFiles,
        Bsize = s.BlockSize,
        Frsize = s.FragmentSize,
        NameLen = s.MaxNameLength,
    };

    /// <summary>A cache timeout as whole seconds and nanoseconds; negative means none.</summary>
    public static (ulong Seconds, uint Nanoseconds) Split(TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero)
            return (0, 0);
        long ticks = timeout.Ticks;
        return ((ulong)(ticks / TimeSpan.TicksPerSecond), (uint)(ticks % TimeSpan.TicksPerSecond * 100));
    }
}
