namespace Erofs.Conformance.Tests.Infrastructure;

/// <summary>Reads <c>/proc/self/mountinfo</c>.</summary>
public static class MountTable
{
    /// <summary>One mount: where it is, its file system type and its source.</summary>
    public sealed record MountInfo(string MountPoint, string FsType, string Source, string Options);

    /// <summary>All current mounts of this process's mount namespace.</summary>
    public static IReadOnlyList<MountInfo> Read()
    {
        var mounts = new List<MountInfo>();
        foreach (var line in File.ReadLines("/proc/self/mountinfo"))
        {
            // ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS [OPTIONAL...] - FSTYPE SOURCE SUPEROPTIONS
            var fields = line.Split(' ');
            var dash = Array.IndexOf(fields, "-");
            if (fields.Length < 5 || dash < 0 || dash + 2 >= fields.Length)
            {
                continue;
            }

            mounts.Add(new MountInfo(Unescape(fields[4]), fields[dash + 1], Unescape(fields[dash + 2]), fields[5]));
        }

        return mounts;
    }

    /// <summary>Whether <paramref name="path"/> is itself a mount point.</summary>
    public static bool IsMountPoint(string path)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        return Read().Any(m => m.MountPoint == full);
    }

    /// <summary>The mount for exactly this mount point (the top one if stacked), or null.</summary>
    public static MountInfo? Find(string mountPoint)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(mountPoint));
        return Read().LastOrDefault(m => m.MountPoint == full);
    }

    /// <summary>Mount points at or below <paramref name="path"/>.</summary>
    public static IReadOnlyList<string> MountPointsUnder(string path)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        return Read()
            .Select(m => m.MountPoint)
            .Where(m => m == full || m.StartsWith(full + "/", StringComparison.Ordinal))
            .Distinct()
            .ToList();
    }

    private static string Unescape(string field)
    {
        // mountinfo escapes space, tab, newline and backslash as \ooo.
        if (!field.Contains('\\', StringComparison.Ordinal))
        {
            return field;
        }

        var sb = new System.Text.StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length && field.Skip(i + 1).Take(3).All(c => c is >= '0' and <= '7'))
            {
                sb.Append((char)Convert.ToInt32(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                sb.Append(field[i]);
            }
        }

        return sb.ToString();
    }
}
