using System.Globalization;

namespace Erofs.Fuse;

/// <summary>
/// Finds the processes serving a FUSE connection: those holding a /dev/fuse descriptor that the kernel
/// ties to it (the <c>fuse_connection:</c> line of /proc/PID/fdinfo/FD, in kernels since 2025). Unlike a command
/// line, this tells a mount's daemon from one still serving an earlier, lazily detached mount of the
/// same path, and finds nothing for a dead mount whose daemon is gone.
/// </summary>
public static class FuseDaemons
{
    private const string Device = "/dev/fuse";
    private const string ConnectionField = "fuse_connection:";

    /// <summary>
    /// The pids, ascending, of every process holding a descriptor of connection <paramref name="connection"/>
    /// (a FUSE mount's st_dev minor, see <see cref="Erofs.Mounting.MountEntry.DeviceMinor"/>). Processes this user may
    /// not inspect are skipped, and a kernel whose fdinfo does not name the connection yields none.
    /// </summary>
    public static IReadOnlyList<int> Find(uint connection)
    {
        var pids = new List<int>();
        foreach (string process in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(process), NumberStyles.None, CultureInfo.InvariantCulture, out int pid)
                && Holds(process, connection))
                pids.Add(pid);
        }
        pids.Sort();
        return pids;
    }

    private static bool Holds(string process, uint connection)
    {
        try
        {
            foreach (string fd in Directory.EnumerateFileSystemEntries(Path.Combine(process, "fd")))
            {
                if (new FileInfo(fd).LinkTarget == Device
                    && ConnectionOf(Path.Combine(process, "fdinfo", Path.GetFileName(fd))) == connection)
                    return true;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The process or descriptor went away while we looked, or belongs to another user.
        }
        return false;
    }

    private static uint? ConnectionOf(string fdInfo)
    {
        foreach (string line in File.ReadLines(fdInfo))
        {
            if (line.StartsWith(ConnectionField, StringComparison.Ordinal)
                && uint.TryParse(line.AsSpan(ConnectionField.Length).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out uint id))
                return id;
        }
        return null;
    }
}
