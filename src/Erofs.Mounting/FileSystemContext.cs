using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Erofs.Mounting.Interop;

namespace Erofs.Mounting;

/// <summary>
/// A file system context of the new mount API (fsopen, fsconfig, fsmount): set parameters one by one,
/// <see cref="Create"/> the superblock, then <see cref="Mount"/> it as a detached mount that appears
/// nowhere until moved onto a directory. A failed call throws an <see cref="IOException"/> whose one-line
/// message names the call, the file system type and the parameter, with the kernel's own words from the
/// context's log when it wrote some; its HResult is the errno.
/// </summary>
/// <remarks>Needs CAP_SYS_ADMIN (fsopen fails with EPERM otherwise).</remarks>
public sealed class FileSystemContext : IDisposable
{
    /// <summary>The longest string value fsconfig takes, in UTF-8 bytes (it copies at most 256 with the terminating NUL; EINVAL beyond).</summary>
    public const int MaxValueBytes = 255;

    private const int ENODEV = 19;

    private readonly ContextHandle _handle;

    private FileSystemContext(ContextHandle handle, string fileSystemType)
    {
        _handle = handle;
        FileSystemType = fileSystemType;
    }

    /// <summary>The file system type, e.g. <c>erofs</c> or <c>overlay</c>.</summary>
    public string FileSystemType { get; }

    /// <summary>fsopen(2): a new context for a file system of type <paramref name="fileSystemType"/>.</summary>
    /// <exception cref="IOException">The kernel has no such file system (ENODEV) or the caller may not mount (EPERM).</exception>
    public static FileSystemContext Open(string fileSystemType)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileSystemType);
        int fd = Libc.Fsopen(fileSystemType, Libc.FsopenCloseOnExec);
        if (fd < 0)
        {
            int errno = LastError.Errno;
            string hint = errno == ENODEV ? ": the kernel has no such file system" : "";
            throw new IOException($"fsopen {fileSystemType}{hint}: {LastError.Describe(errno)}", errno);
        }
        return new FileSystemContext(new ContextHandle(fd), fileSystemType);
    }

    /// <summary>FSCONFIG_SET_FLAG: a parameter without value, e.g. <c>ro</c>.</summary>
    public void SetFlag(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        using var context = new HeldDescriptor(_handle);
        Check(Libc.Fsconfig(context.Fd, Libc.FsconfigSetFlag, key, null, 0), "fsconfig", key, create: false);
    }

    /// <summary>FSCONFIG_SET_STRING: a parameter with a string value, e.g. <c>source</c>.</summary>
    /// <exception cref="ArgumentException">The value is longer than the kernel takes (<see cref="MaxValueBytes"/>).</exception>
    public void SetString(string key, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        int length = Encoding.UTF8.GetByteCount(value);
        if (length > MaxValueBytes)
            throw new ArgumentException($"fsconfig {FileSystemType} {key}: the kernel takes at most {MaxValueBytes} bytes as a value, this one has {length}");
        using var context = new HeldDescriptor(_handle);
        Check(Libc.Fsconfig(context.Fd, Libc.FsconfigSetString, key, value, 0), "fsconfig", $"{key}={value}", create: false);
    }

    /// <summary>FSCONFIG_SET_FD: a parameter whose value is an open file, e.g. overlay's <c>lowerdir+</c> with a directory or a <see cref="DetachedMount"/>.</summary>
    public void SetFd(string key, SafeHandle file)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(file);
        using var context = new HeldDescriptor(_handle);
        using var value = new HeldDescriptor(file);
        string what = string.Create(CultureInfo.InvariantCulture, $"{key}=<fd {value.Fd}>");
        Check(Libc.Fsconfig(context.Fd, Libc.FsconfigSetFd, key, null, value.Fd), "fsconfig", what, create: false);
    }

    /// <summary>FSCONFIG_CMD_CREATE: creates (or finds, for a shared one) the superblock from the parameters set.</summary>
    public void Create()
    {
        using var context = new HeldDescriptor(_handle);
        Check(Libc.Fsconfig(context.Fd, Libc.FsconfigCmdCreate, null, null, 0), "fsconfig", "create", create: true);
    }

    /// <summary>fsmount(2): a detached mount of the created superblock with <paramref name="attributes"/>.</summary>
    public DetachedMount Mount(MountAttributes attributes)
    {
        using var context = new HeldDescriptor(_handle);
        int fd = Libc.Fsmount(context.Fd, Libc.FsmountCloseOnExec, (uint)attributes);
        Check(fd, "fsmount", null, create: false);
        return new DetachedMount(fd, FileSystemType);
    }

    /// <summary>Reads and removes the messages the kernel left in the context's log ("e …", "w …", "i …"), oldest first.</summary>
    public IReadOnlyList<string> ReadMessages() => ContextLog.Drain(_handle);

    /// <summary>Closes the context; a superblock it created lives on in the mounts made of it.</summary>
    public void Dispose() => _handle.Dispose();

    private void Check(int result, string call, string? what, bool create)
    {
        if (result >= 0)
            return;
        int errno = LastError.Errno;
        string words = ContextLog.Words(ContextLog.Drain(_handle), FileSystemType);
        string subject = what is null ? FileSystemType : $"{FileSystemType} {what}";
        // Errors found while filling the superblock go to the kernel log, not to the context's.
        string detail = words.Length > 0 ? $"{words} ({Marshal.GetPInvokeErrorMessage(errno)}, errno {errno})"
            : create ? $"{LastError.Describe(errno)}; the kernel log (dmesg) may say why"
            : LastError.Describe(errno);
        throw new IOException($"{call} {subject}: {detail}", errno);
    }
}
