using System.Globalization;
using System.Text;

namespace Erofs.Mounting;

/// <summary>The mounts of this process's mount namespace, as /proc/self/mountinfo lists them.</summary>
public static class MountTable
{
    private const string MountInfo = "/proc/self/mountinfo";

    /// <summary>Every mount, in the kernel's order (a mount stacked on another comes after it).</summary>
    /// <exception cref="IOException">/proc/self/mountinfo cannot be read.</exception>
    public static IReadOnlyList<MountEntry> Read()
    {
        var entries = new List<MountEntry>();
        foreach (string line in File.ReadLines(MountInfo))
        {
            if (Parse(line) is { } entry)
                entries.Add(entry);
        }
        return entries;
    }

    /// <summary>The top mount on exactly <paramref name="mountPoint"/> (made absolute, symlinks not resolved), or null when nothing is mounted there.</summary>
    /// <exception cref="IOException">/proc/self/mountinfo cannot be read.</exception>
    public static MountEntry? Find(string mountPoint)
    {
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(mountPoint));
        MountEntry? found = null;
        foreach (string line in File.ReadLines(MountInfo))
        {
            if (Parse(line) is { } entry && entry.MountPoint == full)
                found = entry;
        }
        return found;
    }

    /// <summary>One mountinfo line, or null when it is not one.</summary>
    internal static MountEntry? Parse(string line)
    {
        // ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS [OPTIONAL...] - FSTYPE SOURCE SUPEROPTIONS
        string[] fields = line.Split(' ');
        if (fields.Length < 10)
            return null;
        int dash = Array.IndexOf(fields, "-", 6);
        if (dash < 0 || dash + 2 >= fields.Length)
            return null;
        string[] device = fields[2].Split(':');
        if (device.Length != 2 || !uint.TryParse(device[0], CultureInfo.InvariantCulture, out uint major)
            || !uint.TryParse(device[1], CultureInfo.InvariantCulture, out uint minor))
            return null;
        return new MountEntry(Unescape(fields[4]), Unescape(fields[dash + 1]), Unescape(fields[dash + 2]), major, minor);
    }

    /// <summary>Undoes the kernel's escaping: a character it must not print as is (space, tab, newline, backslash, '#') is written \ooo.</summary>
    internal static string Unescape(string field)
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

    private static bool IsOctal(ReadOnlySpan<char> digits) => !digits.ContainsAnyExceptInRange('0', '7');
}
