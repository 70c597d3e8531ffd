using Erofs.Conformance.Tests.Infrastructure;

namespace Erofs.Conformance.Tests.Mount;

/// <summary>
/// Looks at a store from outside without following symlinks (lstat): what an object path holds, which
/// inodes sit in a directory tree (to see that a planted file was moved, not copied), who owns what.
/// </summary>
internal static class StoreInspection
{
    private const uint TypeMask = 0xF000, Regular = 0x8000, DirectoryType = 0x4000, SymlinkType = 0xA000;

    /// <summary>lstat, or null when nothing is there.</summary>
    public static LibC.StatxInfo? LStatOrNull(string path)
    {
        try
        {
            return LibC.LStat(path);
        }
        catch (IOException e) when (e.HResult == 2) // ENOENT
        {
            return null;
        }
    }

    /// <summary>The (device, inode) of what <paramref name="path"/> names itself (a symlink is not followed).</summary>
    public static (uint, uint, ulong) Identity(string path)
    {
        var stat = LibC.LStat(path);
        return (stat.DevMajor, stat.DevMinor, stat.Ino);
    }

    /// <summary>Whether <paramref name="path"/> is a symlink.</summary>
    public static bool IsSymlink(string path) => LStatOrNull(path) is { } s && (s.Mode & TypeMask) == SymlinkType;

    /// <summary>
    /// The object path is either absent or a good object: a regular file (not a symlink), mode 0444, owned
    /// by root, exactly <paramref name="content"/>'s size and bytes.
    /// </summary>
    public static void AssertGoodObjectOrAbsent(string path, byte[] content)
    {
        if (LStatOrNull(path) is not { } stat)
            return;
        string what = $"{path} (mode {Octal(stat.Mode)}, uid {stat.Uid}, size {stat.Size})";
        Assert.True((stat.Mode & TypeMask) == Regular, $"{what} is not a regular file");
        Assert.True((stat.Mode & 0xFFF) == AttackScratch.ObjectMode, $"{what}: mode is not 0444");
        Assert.True(stat.Uid == 0, $"{what}: not owned by root");
        Assert.True(stat.Size == content.Length, $"{what}: size is not {content.Length}");
        Assert.True(File.ReadAllBytes(path).AsSpan().SequenceEqual(content), $"{what}: wrong bytes");
    }

    /// <summary>The object path holds a good object (see <see cref="AssertGoodObjectOrAbsent"/>).</summary>
    public static void AssertGoodObject(string path, byte[] content)
    {
        Assert.True(LStatOrNull(path) is not null, $"no object at {path}");
        AssertGoodObjectOrAbsent(path, content);
    }

    /// <summary>(device, inode) of every entry below <paramref name="directory"/>, descending only into real directories.</summary>
    public static HashSet<(uint, uint, ulong)> IdentitiesUnder(string directory)
    {
        var found = new HashSet<(uint, uint, ulong)>();
        if (LStatOrNull(directory) is not { } top || (top.Mode & TypeMask) != DirectoryType)
            return found;
        foreach (string entry in System.IO.Directory.EnumerateFileSystemEntries(directory))
        {
            var stat = LibC.LStat(entry);
            found.Add((stat.DevMajor, stat.DevMinor, stat.Ino));
            if ((stat.Mode & TypeMask) == DirectoryType)
                found.UnionWith(IdentitiesUnder(entry));
        }
        return found;
    }

    /// <summary>Paths below <paramref name="directory"/> (not following symlinks) owned by <paramref name="uid"/>.</summary>
    public static List<string> OwnedBy(string directory, uint uid)
    {
        var owned = new List<string>();
        foreach (string entry in System.IO.Directory.EnumerateFileSystemEntries(directory))
        {
            var stat = LibC.LStat(entry);
            if (stat.Uid == uid)
                owned.Add(entry);
            if ((stat.Mode & TypeMask) == DirectoryType)
                owned.AddRange(OwnedBy(entry, uid));
        }
        return owned;
    }

    /// <summary>Names directly in <paramref name="directory"/>, for messages.</summary>
    public static string Listing(string directory) =>
        System.IO.Directory.Exists(directory)
            ? string.Join(", ", System.IO.Directory.EnumerateFileSystemEntries(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal))
            : "(no directory)";

    /// <summary>Mode bits (permissions, setuid/setgid/sticky) in octal, for messages.</summary>
    public static string Octal(uint mode) => Convert.ToString((int)(mode & 0xFFF), 8).PadLeft(4, '0');
}
