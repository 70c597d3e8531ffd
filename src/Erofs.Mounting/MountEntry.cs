namespace Erofs.Mounting;

/// <summary>One line of /proc/self/mountinfo.</summary>
/// <param name="MountPoint">Where it is mounted, unescaped.</param>
/// <param name="FileSystemType">The type, for example <c>fuse.erofs</c> or <c>overlay</c>.</param>
/// <param name="Source">The mount source, unescaped.</param>
/// <param name="DeviceMajor">Major number of the mount's st_dev.</param>
/// <param name="DeviceMinor">Minor number of the mount's st_dev (for FUSE: the connection number under /sys/fs/fuse/connections).</param>
public sealed record MountEntry(string MountPoint, string FileSystemType, string Source, uint DeviceMajor, uint DeviceMinor);
