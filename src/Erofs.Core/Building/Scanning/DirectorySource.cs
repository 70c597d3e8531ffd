using System.Runtime.InteropServices;
using System.Text;
using Erofs.Building.Source;
using Erofs.Interop;
using Erofs.Reading;

namespace Erofs.Building.Scanning;

/// <summary>
/// Turns a directory tree on disk into a <see cref="SourceNode"/> tree, as mkfs.erofs reads its
/// source directory: entries are lstat'ed (symlinks are kept, not followed; only the root is
/// followed), names and symlink targets keep their exact bytes, hard links become one shared
/// node, and file contents are read from disk only when the builder asks.
/// </summary>
public static class DirectorySource
{
    /// <summary>
    /// Scans the tree under <paramref name="root"/>. Directories are listed in parallel, yet the
    /// result does not depend on timing: each directory's children are sorted by name bytes.
    /// </summary>
    /// <exception cref="InvalidSourceException">The root is not a directory, or a directory,
    /// entry, symlink or extended attribute cannot be read, or a name is over 255 bytes; the
    /// message names the path.</exception>
    public static SourceNode Scan(string root, DirectoryScanOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxParallelism, 1);
        if (!OperatingSystem.IsLinux() || !Environment.Is64BitProcess)
            throw new PlatformNotSupportedException("Scanning a directory needs 64-bit Linux.");
        var rootPath = RootPathBytes(root);
        var context = new ScanContext(options, rootPath.Length);
        var rootNode = StatRoot(rootPath);
        new DirectoryScanner(context).ReadXattrs(rootPath, rootNode);
        context.Queue.Add(new DirectoryWork(rootNode, rootPath));
        context.Queue.Run(options.MaxParallelism, () => new DirectoryScanner(context).Scan);
        return rootNode;
    }

    /// <summary>
    /// The root's path bytes without trailing slashes ("" for "/"), resolved when the root itself
    /// is a symlink so that the l* calls on it see the directory.
    /// </summary>
    private static byte[] RootPathBytes(string root)
    {
        string path = root;
        try
        {
            var info = new DirectoryInfo(root);
            if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target)
                path = target.FullName;
        }
        catch (IOException e)
        {
            throw new InvalidSourceException($"Cannot resolve source directory '{root}': {e.Message}", e);
        }
        return Encoding.UTF8.GetBytes(path.TrimEnd('/'));
    }

    private static unsafe SourceNode StatRoot(byte[] rootPath)
    {
        var terminated = new byte[rootPath.Length + 2];
        (rootPath.Length == 0 ? "/"u8 : rootPath).CopyTo(terminated);
        StatxBuffer st;
        fixed (byte* p = terminated)
        {
            if (Libc.Statx(Libc.AtFdCwd, p, 0, Libc.StatxBasicStats, &st) != 0)
                throw ScanPaths.LastFailure("stat source directory", terminated.AsSpan(0, Math.Max(rootPath.Length, 1)));
        }
        var node = DirectoryScanner.NewNode(in st);
        if (node.Kind != FileKind.Directory)
            throw new InvalidSourceException($"Source '{ScanPaths.Display(rootPath)}' is not a directory");
        return node;
    }
}
