using System.Globalization;
using System.Text;
using Erofs.Fuse.Interop;
using Erofs.Fuse.Protocol;

namespace Erofs.Fuse;

/// <summary>Finding and removing FUSE mounts, also dead ones whose daemon is gone ("transport endpoint is not connected").</summary>
public static class FuseMounts
{
    private const int EPERM = 1;
    private const int EBUSY = 16;

    /// <summary>The top mount on exactly <paramref name="mountPoint"/>, or null when nothing is mounted there.</summary>
    public static MountEntry? Find(string mountPoint)
    {
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(mountPoint));
        MountEntry? found = null;
        foreach (string line in File.ReadLines("/proc/self/mountinfo"))
        {
            if (Parse(line) is { } entry && entry.MountPoint == full)
                found = entry;
        }
        return found;
    }

    /// <summary>
    /// Unmounts <paramref name="mountPoint"/>: umount2, then a lazy detach when it is busy; without
    /// root, <c>fusermount3 -u</c> (always lazy). A dead FUSE mount is removed the same way.
    /// </summary>
    /// <returns>True when the mount was only detached: it lives on, out of sight, until its last user lets go.</returns>
    /// <exception cref="IOException">Nothing could unmount it; the message says why.</exception>
    public static bool Unmount(string mountPoint)
    {
        string full = Path.GetFullPath(mountPoint);
        if (Libc.Umount2(full, 0) == 0)
            return false;
        int errno = LastError.Errno;
        if (errno == EBUSY && Libc.Umount2(full, Libc.MntDetach) == 0)
            return true;
        if (errno != EPERM)
            throw LastError.Exception("umount", full, errno);
        // Not root: the setuid helper may unmount what the user mounted.
        string? problem = FusermountHelper.Unmount(full, lazy: true);
        if (problem is not null)
            throw new IOException($"umount {full}: {problem}");
        return true;
    }

    /// <summary>Aborts a FUSE connection through the fusectl file system (/sys/fs/fuse/connections/N/abort); false when unavailable.</summary>
    public static bool Abort(uint connection)
    {
        string path = $"/sys/fs/fuse/connections/{connection.ToString(CultureInfo.InvariantCulture)}/abort";
        try
        {
            File.WriteAllText(path, "1");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static MountEntry? Parse(string line)
    {
        // ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS [OPTIONAL...] - FSTYPE SOURCE SUPEROPTIONS
        string[] fields = line.Split(' ');
        int dash = Array.IndexOf(fields, "-");
        if (fields.Length < 5 || dash < 5 || dash + 2 >= fields.Length)
            return null;
        string[] device = fields[2].Split(':');
        if (device.Length != 2 || !uint.TryParse(device[0], CultureInfo.InvariantCulture, out uint major)
            || !uint.TryParse(device[1], CultureInfo.InvariantCulture, out uint minor))
            return null;
        return new MountEntry(Unescape(fields[4]), fields[dash + 1], Unescape(fields[dash + 2]), major, minor);
    }

    // mountinfo writes space, tab, newline and backslash as \ooo.
    private static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal))
            return field;
        var text = new StringBuilder(field.Length);
        for (int i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length && IsOctal(field.AsSpan(i + 1, 3)))
            {
                text.Append((char)Convert.ToInt32(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                text.Append(field[i]);
            }
        }
        return text.ToString();
    }

    private static bool IsOctal(ReadOnlySpan<char> digits) => digits.Length == 3 && !digits.ContainsAnyExceptInRange('0', '7');
}
