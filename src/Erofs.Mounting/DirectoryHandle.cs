using Erofs.Mounting.Interop;
using Microsoft.Win32.SafeHandles;

namespace Erofs.Mounting;

/// <summary>Opens directories as descriptors, the form the new mount API takes layers in (.NET opens files only).</summary>
public static class DirectoryHandle
{
    /// <summary>open(2) of <paramref name="path"/> with O_RDONLY | O_DIRECTORY | O_CLOEXEC (symlinks followed).</summary>
    /// <exception cref="IOException">It is missing, not a directory or not readable; the message names it, HResult is the errno.</exception>
    public static SafeFileHandle Open(string path)
    {
        string full = Path.GetFullPath(path);
        int fd = Libc.Open(full, Libc.OpenDirectory | Libc.OpenCloseOnExec);
        if (fd < 0)
            throw LastError.Exception("open directory", full, LastError.Errno);
        return new SafeFileHandle(fd, ownsHandle: true);
    }
}
