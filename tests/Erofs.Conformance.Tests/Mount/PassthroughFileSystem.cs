using System.Text;
using Erofs.Fuse;
using Erofs.Fuse.Abi;
using Microsoft.Win32.SafeHandles;

namespace Erofs.Conformance.Tests.Mount;

/// <summary>
/// A two-node file system for library tests: the root holds "file", whose opens are backed through
/// FUSE passthrough by a real file registered with the session; READ requests are counted.
/// </summary>
internal sealed class PassthroughFileSystem(string backingPath) : IFuseFileSystem
{
    private const ulong FileNode = 2;
    private int _reads;
    private int _backingId = -1;

    public FuseSession? Session { get; set; }

    public int Reads => _reads;

    /// <summary>The backing id registered at the first open, or -1.</summary>
    public int BackingId => _backingId;

    public int Lookup(in FuseContext context, ulong parent, ReadOnlySpan<byte> name, out FuseEntry entry)
    {
        entry = default;
        if (parent != 1 || Encoding.UTF8.GetString(name) != "file")
            return Errno.ENOENT;
        entry = new FuseEntry(FileNode, Attributes(FileNode), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(60));
        return Errno.Ok;
    }

    public int GetAttributes(in FuseContext context, ulong node, out FuseAttributes attributes, out TimeSpan timeout)
    {
        attributes = Attributes(node);
        timeout = TimeSpan.FromSeconds(60);
        return node is 1 or FileNode ? Errno.Ok : Errno.ENOENT;
    }

    public int Open(in FuseContext context, ulong node, int flags, out FuseOpenResult result)
    {
        result = default;
        if (node != FileNode)
            return Errno.EISDIR;
        if (Session is not { } session || !session.Connection.Passthrough)
        {
            result = new FuseOpenResult(0, FuseOpenFlags.KeepCache);
            return Errno.Ok;
        }
        if (_backingId < 0)
        {
            using SafeFileHandle backing = File.OpenHandle(backingPath);
            _backingId = session.OpenBacking(backing); // the kernel keeps its own reference
        }
        result = new FuseOpenResult(0, FuseOpenFlags.Passthrough, _backingId);
        return Errno.Ok;
    }

    public int Read(in FuseContext context, ulong node, ulong handle, long offset, Span<byte> destination, out int bytesRead)
    {
        Interlocked.Increment(ref _reads);
        using var file = File.OpenHandle(backingPath);
        bytesRead = 0;
        while (bytesRead < destination.Length)
        {
            int n = RandomAccess.Read(file, destination[bytesRead..], offset + bytesRead);
            if (n == 0)
                break;
            bytesRead += n;
        }
        return Errno.Ok;
    }

    public int OpenDirectory(in FuseContext context, ulong node, int flags, out FuseOpenResult result)
    {
        result = new FuseOpenResult(0, FuseOpenFlags.None);
        return node == 1 ? Errno.Ok : Errno.ENOTDIR;
    }

    public int ReadDirectory(in FuseContext context, ulong node, ulong handle, long offset, ref FuseDirectoryBuffer buffer)
    {
        if (offset == 0)
            buffer.TryAdd("file"u8, 200, 8, 1);
        return Errno.Ok;
    }

    private FuseAttributes Attributes(ulong node) => node == 1
        ? new FuseAttributes { Ino = 1, Mode = 0x41ED, Nlink = 2 }
        : new FuseAttributes { Ino = 200, Mode = 0x8124, Nlink = 1, Size = (ulong)new FileInfo(backingPath).Length };
}
