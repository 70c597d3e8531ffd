using System.Runtime.InteropServices;
using Erofs.Building.Source;
using Erofs.Interop;
using Erofs.Reading;

namespace Erofs.Building.Scanning;

/// <summary>
/// One worker of a scan: lists a directory, stats each entry relative to the open directory,
/// and queues the subdirectories. Its buffers are its own, so workers never share them.
/// </summary>
internal sealed unsafe class DirectoryScanner
{
    private static readonly Comparison<SourceEntry> ByName = (a, b) => a.Name.AsSpan().SequenceCompareTo(b.Name);
    private readonly ScanContext _context;
    private readonly PathBuffer _path = new();
    private readonly SymlinkReader _symlinks = new();
    private readonly XattrReader? _xattrs;

    internal DirectoryScanner(ScanContext context)
    {
        _context = context;
        _xattrs = context.Options.ReadXattrs ? new XattrReader() : null;
    }

    /// <summary>Lists <paramref name="work"/>'s directory into its node, children sorted by name bytes.</summary>
    internal void Scan(DirectoryWork work)
    {
        _path.Set(work.Path.Length == 0 ? "/"u8 : work.Path); // "" is the root "/"
        nint dir;
        fixed (byte* p = _path.Bytes)
            dir = Libc.Opendir(p);
        if (dir == 0)
            throw ScanPaths.LastFailure("open directory", work.Path);
        try
        {
            ListEntries(work, dir);
        }
        finally
        {
            Libc.Closedir(dir);
        }
        work.Node.Children.Sort(ByName);
    }

    /// <summary>Reads the extended attributes of the file at <paramref name="path"/> into <paramref name="node"/>.</summary>
    internal void ReadXattrs(ReadOnlySpan<byte> path, SourceNode node)
    {
        if (_xattrs is null)
            return;
        int length = _path.Set(path.IsEmpty ? "/"u8 : path);
        _xattrs.Read(_path.Bytes, length, node.Xattrs);
    }

    private void ListEntries(DirectoryWork work, nint dir)
    {
        int fd = Libc.Dirfd(dir);
        while (true)
        {
            byte* entry = Libc.Readdir64(dir);
            if (entry == null)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno != 0)
                    throw ScanPaths.Failure("read directory", work.Path, errno);
                return;
            }
            byte* name = entry + Libc.DirentNameOffset;
            var nameSpan = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(name);
            if (nameSpan.SequenceEqual("."u8) || nameSpan.SequenceEqual(".."u8))
                continue;
            ScanEntry(work, fd, name, nameSpan);
        }
    }

    private void ScanEntry(DirectoryWork work, int fd, byte* name, ReadOnlySpan<byte> nameSpan)
    {
        int pathLength = _path.Join(work.Path, nameSpan);
        var path = _path.Bytes.AsSpan(0, pathLength);
        if (nameSpan.Length > ScanPaths.NameMax)
            throw new InvalidSourceException($"Name of '{ScanPaths.Display(path)}' is {nameSpan.Length} bytes, over the limit of {ScanPaths.NameMax}");
        if (_context.Excludes.IsExcluded(path[_context.RelativeStart..]))
            return;
        StatxBuffer st;
        if (Libc.Statx(fd, name, Libc.AtSymlinkNoFollow, Libc.StatxBasicStats, &st) != 0)
            throw ScanPaths.LastFailure("stat", path);
        var entry = new Entry(fd, name, nameSpan.ToArray(), work.Path, pathLength);
        var node = NodeFor(in st, in entry);
        work.Node.Children.Add(new SourceEntry(entry.NameBytes, node));
        if (node.Kind == FileKind.Directory)
            _context.Queue.Add(new DirectoryWork(node, path.ToArray()));
    }

    private SourceNode NodeFor(in StatxBuffer st, in Entry entry)
    {
        bool shared = (st.Mode & FileModes.TypeMask) != 0x4000 && st.Nlink > 1 && !_context.Options.HardDereference;
        var identity = new FileIdentity(st.DevMajor, st.DevMinor, st.Ino);
        if (shared && _context.HardLinks.TryGetValue(identity, out var seen))
            return seen;
        var node = NewNode(in st, identity, in entry);
        // Two workers may meet the same inode at once; the first node stored is the one used.
        return shared ? _context.HardLinks.GetOrAdd(identity, node) : node;
    }

    private SourceNode NewNode(in StatxBuffer st, FileIdentity identity, in Entry entry)
    {
        var node = NewNode(in st);
        var path = _path.Bytes.AsSpan(0, entry.PathLength);
        switch (node.Kind)
        {
            case FileKind.Regular when st.Size > 0:
                node.Content = new ScannedFileContent(entry.Directory, entry.NameBytes, (long)st.Size, identity);
                break;
            case FileKind.Symlink:
                node.LinkTarget = _symlinks.Read(entry.DirectoryFd, entry.Name, path);
                break;
            case FileKind.Unknown:
                throw new InvalidSourceException($"'{ScanPaths.Display(path)}' has an unknown file type (mode 0x{st.Mode:X})");
        }
        _xattrs?.Read(_path.Bytes, entry.PathLength, node.Xattrs);
        return node;
    }

    /// <summary>A node with the metadata of <paramref name="st"/>: mode, owner, mtime and device number.</summary>
    internal static SourceNode NewNode(in StatxBuffer st)
    {
        var node = new SourceNode
        {
            Mode = st.Mode,
            Uid = st.Uid,
            Gid = st.Gid,
            MtimeSeconds = st.MtimeSeconds,
            MtimeNanoseconds = st.MtimeNanoseconds,
        };
        if (node.Kind is FileKind.CharacterDevice or FileKind.BlockDevice)
        {
            node.RdevMajor = st.RdevMajor;
            node.RdevMinor = st.RdevMinor;
        }
        return node;
    }

    /// <summary>
    /// The entry being scanned: its directory's descriptor and path, its name (NUL-terminated
    /// in the dirent, and as the array the tree keeps), and the length of its full path, which
    /// the worker's path buffer holds.
    /// </summary>
    private readonly ref struct Entry(int directoryFd, byte* name, byte[] nameBytes, byte[] directory, int pathLength)
    {
        public int DirectoryFd { get; } = directoryFd;
        public byte* Name { get; } = name;
        public byte[] NameBytes { get; } = nameBytes;
        public byte[] Directory { get; } = directory;
        public int PathLength { get; } = pathLength;
    }
}
