using Microsoft.Win32.SafeHandles;

namespace Erofs.Building.Writing;

/// <summary>
/// An output written to a temporary file beside its final path and renamed into place only by
/// <see cref="Commit"/>; disposing without committing deletes it, so a failed build leaves nothing.
/// A block device (an existing partition, as mkfs.erofs allows) is written in place instead, and so
/// is a file the caller opened (<see cref="OutputFile(SafeFileHandle)"/>), which stays the caller's.
/// Writes are positional and may come from several threads.
/// </summary>
internal sealed class OutputFile : IDisposable
{
    private readonly string? _finalPath;
    private readonly string? _tempPath;
    private readonly SafeFileHandle _handle;
    private readonly bool _ownsHandle = true;
    private bool _committed;

    public OutputFile(string path)
    {
        _finalPath = Path.GetFullPath(path);
        if (IsBlockDevice(_finalPath))
        {
            _handle = File.OpenHandle(_finalPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return;
        }
        string dir = Path.GetDirectoryName(_finalPath)!;
        _tempPath = Path.Combine(dir, $".{Path.GetFileName(_finalPath)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        _handle = File.OpenHandle(_tempPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
    }

    /// <summary>
    /// Writes into <paramref name="handle"/>, which must be an empty file: unwritten ranges are
    /// left as holes, so old bytes there would end up in the image. Neither commit nor dispose closes it.
    /// </summary>
    public OutputFile(SafeFileHandle handle)
    {
        if (RandomAccess.GetLength(handle) != 0)
            throw new ArgumentException("the output file is not empty", nameof(handle));
        _handle = handle;
        _ownsHandle = false;
    }

    private static unsafe bool IsBlockDevice(string path)
    {
        const int AtFdcwd = -100;
        byte[] bytes = [.. System.Text.Encoding.UTF8.GetBytes(path), 0];
        Interop.StatxBuffer st;
        fixed (byte* p = bytes)
            return Interop.Libc.Statx(AtFdcwd, p, 0, Interop.Libc.StatxBasicStats, &st) == 0 && (st.Mode & 0xF000) == 0x6000;
    }

    public SafeFileHandle Handle => _handle;

    public void Write(long offset, ReadOnlySpan<byte> data) => RandomAccess.Write(_handle, data, offset);

    /// <summary>Sets the final length (zero-filled where nothing was written), then renames into place (a file of our own).</summary>
    public void Commit(long length)
    {
        _committed = true;
        if (!_ownsHandle)
        {
            RandomAccess.SetLength(_handle, length);
            return;
        }
        if (_tempPath is null)
        {
            _handle.Dispose();
            return;
        }
        RandomAccess.SetLength(_handle, length);
        _handle.Dispose();
        File.Move(_tempPath, _finalPath!, overwrite: true);
    }

    public void Dispose()
    {
        if (_committed || !_ownsHandle)
            return;
        _handle.Dispose();
        if (_tempPath is null)
            return;
        try
        {
            File.Delete(_tempPath);
        }
        catch (IOException)
        {
            // best effort: the build already failed with the error that matters
        }
    }
}
