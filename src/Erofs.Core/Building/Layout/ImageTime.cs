using Erofs.Building.Source;

namespace Erofs.Building.Layout;

/// <summary>
/// The image's own time (superblock epoch and fixed nanoseconds) and the rule that gives each
/// inode its mtime: -T with --all-time, --ignore-mtime, or the source's own times.
/// </summary>
internal sealed class ImageTime(long seconds, uint nanoseconds, bool overrideAll)
{
    public long Seconds { get; } = seconds;
    public uint Nanoseconds { get; } = nanoseconds;

    public static ImageTime From(BuildOptions options, DateTimeOffset now)
    {
        if (options.Timestamp is { } t)
            return new ImageTime(t, 0, options.TimestampAllInodes || options.IgnoreMtime);
        long ticks = now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return new ImageTime(ticks / TimeSpan.TicksPerSecond, (uint)(ticks % TimeSpan.TicksPerSecond * 100), options.IgnoreMtime);
    }

    public (long Seconds, uint Nanoseconds) MtimeOf(SourceNode node) =>
        overrideAll ? (Seconds, Nanoseconds) : (node.MtimeSeconds, node.MtimeNanoseconds);

    /// <summary>True when a compact inode shows this mtime (compact inodes store no time of their own).</summary>
    public bool IsImageTime(long seconds, uint nanoseconds) => seconds == Seconds && nanoseconds == Nanoseconds;
}
