using System.Security.Cryptography;

namespace Erofs.Conformance.Tests.Infrastructure;

/// <summary>
/// Captures a real directory tree (a source tree, an extraction or a kernel mount) as
/// <see cref="ManifestEntry"/> values, the same shape as a corpus manifest: <c>lstat</c> fields via
/// <c>statx</c> (nanosecond mtime), SHA-256 of regular files, symlink targets, device numbers and the
/// xattrs that <c>llistxattr</c> lists. Symlinks are never followed; FIFOs and devices are never opened.
/// </summary>
public static class TreeSnapshot
{
    private static readonly EnumerationOptions ListOptions = new()
    {
        AttributesToSkip = 0, // dot files are "hidden" to .NET
        IgnoreInaccessible = false,
        RecurseSubdirectories = false,
        ReturnSpecialDirectories = false,
        MatchType = MatchType.Simple,
    };

    /// <summary>Captures every path below and including <paramref name="root"/>, sorted by path (ordinal).</summary>
    /// <param name="root">The directory to capture; it becomes <c>/</c>.</param>
    /// <param name="hashContent">Whether to read and hash regular files (false leaves <see cref="ManifestEntry.Sha256"/> null).</param>
    public static List<ManifestEntry> Capture(string root, bool hashContent = true)
    {
        root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"Cannot capture {root}: not a directory.");
        }

        var entries = new List<ManifestEntry>();
        var pending = new Stack<(string FullPath, string TreePath)>();
        pending.Push((root, "/"));
        while (pending.Count > 0)
        {
            var (fullPath, treePath) = pending.Pop();
            var entry = CaptureOne(fullPath, treePath, hashContent);
            entries.Add(entry);
            if (entry.Type != FileType.Directory)
            {
                continue;
            }

            foreach (var child in Directory.EnumerateFileSystemEntries(fullPath, "*", ListOptions))
            {
                var name = Path.GetFileName(child);
                pending.Push((child, treePath == "/" ? "/" + name : treePath + "/" + name));
            }
        }

        entries.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return entries;
    }

    /// <summary>Captures one path (not following a symlink).</summary>
    public static ManifestEntry CaptureOne(string fullPath, string treePath, bool hashContent = true)
    {
        var st = LibC.LStat(fullPath);
        var type = FileTypes.FromMode(st.Mode);
        Dictionary<string, byte[]>? xattrs = null;
        foreach (var name in LibC.ListXattrs(fullPath))
        {
            xattrs ??= new Dictionary<string, byte[]>(StringComparer.Ordinal);
            xattrs[name] = LibC.GetXattr(fullPath, name);
        }

        return new ManifestEntry
        {
            Path = treePath,
            Mode = st.Mode,
            Uid = st.Uid,
            Gid = st.Gid,
            Nlink = st.Nlink,
            MtimeNs = checked((st.MtimeSec * 1_000_000_000L) + st.MtimeNsec),
            Size = type == FileType.Regular ? st.Size : null,
            Sha256 = type == FileType.Regular && hashContent ? HashFile(fullPath) : null,
            Target = type == FileType.Symlink ? ReadLink(fullPath) : null,
            Rdev = type is FileType.CharDevice or FileType.BlockDevice ? new DeviceNumber(st.RdevMajor, st.RdevMinor) : null,
            Xattrs = xattrs ?? ManifestEntry.EmptyXattrs,
            Inode = st.Ino,
        };
    }

    /// <summary>Lower-case hex SHA-256 of a file's content.</summary>
    public static string HashFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>Lower-case hex SHA-256 of bytes.</summary>
    public static string Hash(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    private static string ReadLink(string path) =>
        new FileInfo(path).LinkTarget ?? throw new IOException($"readlink failed on {path}");
}
