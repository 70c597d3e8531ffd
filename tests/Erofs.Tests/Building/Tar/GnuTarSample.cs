using Erofs.Tests.Interop;

namespace Erofs.Tests.Building.Tar;

/// <summary>
/// A small source tree made with real files (owners, modes, nanosecond times, a symlink, a hard
/// link, a FIFO, devices, long names) and archived with GNU tar. Needs root (chown, mknod).
/// </summary>
internal static class GnuTarSample
{
    public const long Seconds = 1_600_000_000;
    public const uint Nanoseconds = 123_456_789;
    public const uint Uid = 1234, Gid = 5678;
    public static readonly string LongDirectory = new('p', 90);
    public static readonly string LongFile = new('q', 60);

    /// <summary>Random-looking but fixed bytes.</summary>
    public static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Creates the tree under <paramref name="root"/>.</summary>
    public static void Create(string root)
    {
        Assert.True(Erofs.Interop.NativeFile.IsRoot, "these tests need root (chown, mknod)");
        Directory.CreateDirectory(Path.Combine(root, "d"));
        File.WriteAllText(Path.Combine(root, "d/f.txt"), "hello\n");
        File.WriteAllBytes(Path.Combine(root, "empty"), []);
        File.WriteAllBytes(Path.Combine(root, "big"), Bytes(100_000, 1));
        File.CreateSymbolicLink(Path.Combine(root, "link"), "d/f.txt");
        Tool.Run("ln", Path.Combine(root, "d/f.txt"), Path.Combine(root, "hard"));
        Tool.Run("mkfifo", "-m", "0600", Path.Combine(root, "fifo"));
        Tool.Run("mknod", "-m", "0640", Path.Combine(root, "cdev"), "c", "1", "3");
        Tool.Run("mknod", "-m", "0600", Path.Combine(root, "bdev"), "b", "7", "0");
        Directory.CreateDirectory(Path.Combine(root, LongDirectory));
        File.WriteAllText(Path.Combine(root, LongDirectory, LongFile), "deep");
        Tool.Run("chmod", "0750", Path.Combine(root, "d"));
        Tool.Run("chmod", "0640", Path.Combine(root, "d/f.txt"));
        Tool.Run("chmod", "0751", root);
        Tool.Run("chown", "-h", $"{Uid}:{Gid}", Path.Combine(root, "d"), Path.Combine(root, "d/f.txt"), Path.Combine(root, "link"));
        foreach (var path in Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories).Append(root))
            Tool.Run("touch", "-h", "-d", $"@{Seconds}.{Nanoseconds}", path);
    }

    /// <summary>Runs GNU tar in <paramref name="directory"/> on ".", with extra options.</summary>
    public static void Archive(string directory, string archive, params string[] options) =>
        Tool.Run("tar", [.. options, "--numeric-owner", "-C", directory, "-cf", archive, "."]);
}
