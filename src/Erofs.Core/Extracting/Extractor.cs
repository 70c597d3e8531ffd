using Erofs.Checking;
using Erofs.Interop;
using Erofs.Reading;

namespace Erofs.Extracting;

/// <summary>
/// Recreates an image's tree under a target directory. Entries are only ever created inside
/// directories this extractor made itself, names come from validated dirents ("/", NUL, "." and
/// ".." never reach the file system), and nothing pre-existing is followed, so no image can make
/// it write outside the target. A file that cannot be read is removed and reported; the rest goes on.
/// </summary>
public sealed class Extractor(ErofsImage image, ExtractOptions? options = null)
{
    private readonly ExtractOptions _options = options ?? new ExtractOptions();
    // Read once, before anything is created (reading it means setting it for a moment).
    private readonly uint _umask = options is { PreservePermissions: false } ? Libc.CurrentUmask() : 0;
    private readonly List<CheckIssue> _failures = [];
    private readonly List<string> _warnings = [];
    private readonly Dictionary<ulong, string> _firstPathOfInode = [];
    private readonly List<(string Path, InodeInfo Inode)> _directoriesToFinish = [];
    private readonly byte[] _buffer = new byte[1 << 20];
    private long _entries;
    private long _bytes;
    private TargetRoot? _root;

    /// <summary>
    /// Extracts the whole image (or the <see cref="ExtractOptions.Start"/> directory's tree) into
    /// <paramref name="target"/> (created when missing); a start that is not a directory becomes <paramref name="target"/>.
    /// </summary>
    public ExtractResult ExtractTo(string target)
    {
        if (_options.Start is { } first && image.GetInode(first.Nid) is { Kind: not FileKind.Directory } single)
            return ExtractSingle(single, Path.GetFullPath(target));
        string root = Path.GetFullPath(target);
        Directory.CreateDirectory(root);
        if (!_options.Overwrite && Directory.EnumerateFileSystemEntries(root).Any())
            throw new IOException($"target directory '{root}' is not empty (use overwrite)");
        using var targetRoot = new TargetRoot(root);
        _root = targetRoot;
        // Strictly ascending names are also unique, so no entry can replace one extracted before it.
        var walker = new ImageWalker(image, new ImageWalkOptions
        {
            DirectoryChecks = DirectoryChecks.NameOrder,
            IsRecoverable = IsRecoverable,
            Start = _options.Start is { } start ? start with { Path = "" } : null,
        });
        foreach (var step in walker.Walk())
        {
            var entry = step.Entry;
            string path = Path.Join(root, entry.Path.AsSpan(1));
            if (step.Kind == ImageWalkStepKind.Entry)
                Guard(path, entry.Nid, () => ExtractEntry(walker, entry, path));
            else if (step.Failure is { } failure)
                _failures.Add(CheckIssue.Of(path, entry.Nid, failure));
        }
        // Deepest first, so a read-only or timestamped parent is finished after its children.
        for (int i = _directoriesToFinish.Count - 1; i >= 0; i--)
        {
            var (path, inode) = _directoriesToFinish[i];
            Guard(path, inode.Nid, () => new MetadataWriter(image, _options, _warnings, _umask).Apply(path, inode));
        }
        return new ExtractResult(_entries, _bytes, _failures, _warnings);
    }

    private void ExtractEntry(ImageWalker walker, ImageWalkEntry entry, string path)
    {
        if (entry.IsRoot)
        {
            // The target itself: nothing to create, its metadata is applied at the end.
            walker.ClaimDirectory(entry);
            _directoriesToFinish.Add((path, entry.Inode));
            walker.Descend(entry);
            return;
        }
        if (!System.Text.Unicode.Utf8.IsValid(entry.Dirent!.Value.NameBytes))
            throw new ErofsContentException("name is not valid UTF-8, so it cannot be recreated faithfully", entry.Nid);
        var inode = entry.Inode;
        _root!.RequireBeneath(Path.GetDirectoryName(path)!);
        if (_options.Overwrite)
            RemoveExisting(path);
        _entries++;
        _options.Progress?.Report(_entries);
        if (inode.Kind == FileKind.Directory)
        {
            walker.ClaimDirectory(entry);
            CreateDirectory(path);
            _directoriesToFinish.Add((path, inode));
            walker.Descend(entry);
            return;
        }
        if (_firstPathOfInode.TryGetValue(inode.Nid, out var first))
        {
            NativeFile.CreateHardLink(first, path);
            return;
        }
        if (!CreateNonDirectory(inode, path))
            return;
        _firstPathOfInode[inode.Nid] = path;
        new MetadataWriter(image, _options, _warnings, _umask).Apply(path, inode);
    }

    // One file, symlink or node extracted to the target path itself (its directory must exist).
    private ExtractResult ExtractSingle(InodeInfo inode, string path)
    {
        if (_options.Overwrite)
            RemoveExisting(path);
        Guard(path, inode.Nid, () =>
        {
            if (!CreateNonDirectory(inode, path))
                return;
            _entries++;
            new MetadataWriter(image, _options, _warnings, _umask).Apply(path, inode);
        });
        return new ExtractResult(_entries, _bytes, _failures, _warnings);
    }

    // Creates a file, symlink or special node; returns false when it was skipped.
    private bool CreateNonDirectory(InodeInfo inode, string path)
    {
        switch (inode.Kind)
        {
            case FileKind.Regular:
                WriteFile(inode, path);
                return true;
            case FileKind.Symlink:
                NativeFile.CreateSymbolicLink(image.ReadLinkBytes(inode), path);
                return true;
            case FileKind.CharacterDevice or FileKind.BlockDevice when !NativeFile.IsRoot:
                _warnings.Add($"{path}: device node skipped (needs root)");
                return false;
            default:
                NativeFile.MakeNode(path, inode.Mode, NativeFile.MakeDevice(inode.RdevMajor, inode.RdevMinor));
                return true;
        }
    }

    // Writes data extent by extent; holes stay holes (a sparse file stays sparse and costs no time).
    private void WriteFile(InodeInfo inode, string path)
    {
        var output = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite);
        try
        {
            ContentChunks.Read(image, inode, _buffer, includeHoles: false, (offset, bytes) => RandomAccess.Write(output, bytes, offset));
            RandomAccess.SetLength(output, (long)inode.Size);
            output.Dispose();
            _bytes += (long)inode.Size;
        }
        catch
        {
            // Never leave a partial file behind: the caller reports the failure.
            output.Dispose();
            File.Delete(path);
            throw;
        }
    }

    // mkdir never follows an existing entry; with overwrite, a real directory already there is reused.
    private void CreateDirectory(string path)
    {
        var existing = new DirectoryInfo(path);
        if (_options.Overwrite && existing.Exists && existing.LinkTarget is null)
            return;
        NativeFile.CreateDirectory(path);
    }

    private static void RemoveExisting(string path)
    {
        var info = new FileInfo(path);
        if (info.Attributes.HasFlag(FileAttributes.Directory) && info.LinkTarget is null)
            return;
        if (info.Exists || info.LinkTarget is not null)
            info.Delete();
    }

    private void Guard(string path, ulong nid, Action action)
    {
        try
        {
            action();
        }
        catch (Exception e) when (IsRecoverable(e))
        {
            _failures.Add(CheckIssue.Of(path, nid, e));
        }
    }

    // The image's errors and the target's: either fails one entry, never the extraction.
    private static bool IsRecoverable(Exception e) =>
        e is ErofsContentException or NotSupportedException or IOException or UnauthorizedAccessException;
}
