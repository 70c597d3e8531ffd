using System.Runtime.InteropServices;
using Erofs.Runtime.Interop;
using Erofs.Runtime.Store;
using Erofs.Storage;
using Microsoft.Win32.SafeHandles;

namespace Erofs.Runtime;

/// <summary>
/// Reads an image (or extra device) for hashing and publishing without leaving its pages in the page
/// cache, so a shared file's data is cached once, as the object: O_DIRECT through an aligned bounce
/// buffer, or, where the file system refuses O_DIRECT, buffered reads without readahead whose pages are
/// dropped (POSIX_FADV_DONTNEED) right after each read. Pages someone else had cached stay cached with
/// O_DIRECT; the fallback may drop them (they are read again on demand).
/// </summary>
internal sealed unsafe class UncachedFileSource : IBlockSource
{
    private const int Alignment = 4096;
    private const int MaxChunk = 1 << 20;
    private readonly SafeFileHandle _handle;
    private readonly bool _direct;

    public UncachedFileSource(string path)
    {
        Path = path;
        int fd = Libc.Open(path, Libc.ORdOnly | Libc.OCloExec | Libc.ODirect, 0);
        _direct = fd >= 0;
        if (fd < 0)
        {
            fd = Libc.Open(path, Libc.ORdOnly | Libc.OCloExec, 0);
            if (fd < 0)
                throw StoreFile.Error("open", path, Marshal.GetLastPInvokeError());
            _ = Libc.PosixFadvise(fd, 0, 0, Libc.FadviseRandom);
        }
        _handle = new SafeFileHandle(fd, ownsHandle: true);
        Length = RandomAccess.GetLength(_handle);
    }

    /// <summary>The path read.</summary>
    public string Path { get; }

    /// <summary>True when reads bypass the page cache (O_DIRECT) rather than dropping pages afterwards.</summary>
    public bool Direct => _direct;

    /// <summary>The descriptor (for the image's identity).</summary>
    public SafeFileHandle Handle => _handle;

    /// <inheritdoc />
    public long Length { get; }

    /// <inheritdoc />
    public void Read(long offset, Span<byte> buffer)
    {
        if (offset < 0 || offset > Length || buffer.Length > Length - offset)
            throw new ErofsContentException($"{Path}: read of {buffer.Length} bytes at {offset} is past the end ({Length} bytes)", offset: offset);
        while (!buffer.IsEmpty)
        {
            int n = Math.Min(buffer.Length, MaxChunk);
            if (_direct)
                ReadDirect(offset, buffer[..n]);
            else
                ReadAndDrop(offset, buffer[..n]);
            buffer = buffer[n..];
            offset += n;
        }
    }

    private void ReadDirect(long offset, Span<byte> destination)
    {
        fixed (byte* target = destination)
        {
            // Already aligned (e.g. a CachedBlockSource unit): no bounce buffer needed.
            if ((((ulong)offset | (uint)destination.Length | (ulong)target) & (Alignment - 1)) == 0)
            {
                ReadAll(target, destination.Length, offset);
                return;
            }
        }
        long start = offset & ~(long)(Alignment - 1);
        int skip = (int)(offset - start);
        int span = (skip + destination.Length + Alignment - 1) & ~(Alignment - 1);
        byte* bounce = (byte*)NativeMemory.AlignedAlloc((nuint)span, Alignment);
        try
        {
            ReadAll(bounce, skip + destination.Length, start, span);
            new ReadOnlySpan<byte>(bounce + skip, destination.Length).CopyTo(destination);
        }
        finally
        {
            NativeMemory.AlignedFree(bounce);
        }
    }

    // Reads at least `needed` bytes at `offset` into `target` (room for `room` bytes: O_DIRECT reads whole blocks).
    private void ReadAll(byte* target, int needed, long offset, int room = -1)
    {
        if (room < 0)
            room = needed;
        int filled = 0;
        while (filled < needed)
        {
            int n = RandomAccess.Read(_handle, new Span<byte>(target + filled, room - filled), offset + filled);
            if (n <= 0)
                throw new EndOfStreamException($"{Path}: file shrank while reading at offset {offset + filled}");
            filled += n;
        }
    }

    private void ReadAndDrop(long offset, Span<byte> destination)
    {
        int done = 0;
        while (done < destination.Length)
        {
            int n = RandomAccess.Read(_handle, destination[done..], offset + done);
            if (n <= 0)
                throw new EndOfStreamException($"{Path}: file shrank while reading at offset {offset + done}");
            done += n;
        }
        // DONTNEED keeps partial pages at the edges: widen to whole pages.
        long first = offset & ~(long)(Environment.SystemPageSize - 1);
        StoreFile.DropPages(_handle, first, offset + destination.Length - first + Environment.SystemPageSize - 1);
    }

    /// <inheritdoc />
    public void Dispose() => _handle.Dispose();
}
