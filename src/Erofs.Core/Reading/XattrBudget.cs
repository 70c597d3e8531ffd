namespace Erofs.Reading;

/// <summary>Counts the xattrs of one inode against <see cref="ReadLimits.MaxXattrsPerInode"/> and <see cref="ReadLimits.MaxXattrBytesPerInode"/>.</summary>
internal sealed class XattrBudget(ReadLimits limits, ulong nid)
{
    private int _count;
    private long _bytes;

    /// <summary>Counts one decoded entry found at <paramref name="at"/>; throws once a limit is passed.</summary>
    public void Add(RawXattr entry, long at)
    {
        if (++_count > limits.MaxXattrsPerInode)
            throw new ErofsContentException($"more than {limits.MaxXattrsPerInode} xattrs (limit MaxXattrsPerInode)", nid, at);
        _bytes += entry.Suffix.Length + entry.Value.Length;
        if (_bytes > limits.MaxXattrBytesPerInode)
            throw new ErofsContentException($"xattr names and values of more than {limits.MaxXattrBytesPerInode} bytes (limit MaxXattrBytesPerInode)", nid, at);
    }
}
