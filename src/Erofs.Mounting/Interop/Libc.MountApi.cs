using System.Runtime.InteropServices;

namespace Erofs.Mounting.Interop;

/// <summary>The new mount API (Linux 5.2; glibc 2.36 wraps it, so no per-architecture syscall numbers).</summary>
internal static partial class Libc
{
    /// <summary>FSOPEN_CLOEXEC.</summary>
    internal const uint FsopenCloseOnExec = 1;

    /// <summary>FSMOUNT_CLOEXEC.</summary>
    internal const uint FsmountCloseOnExec = 1;

    /// <summary>FSCONFIG_SET_FLAG: a parameter without value.</summary>
    internal const uint FsconfigSetFlag = 0;

    /// <summary>FSCONFIG_SET_STRING: a parameter with a string value.</summary>
    internal const uint FsconfigSetString = 1;

    /// <summary>FSCONFIG_SET_FD: a parameter whose value is the open file in aux.</summary>
    internal const uint FsconfigSetFd = 5;

    /// <summary>FSCONFIG_CMD_CREATE: create the superblock from the parameters.</summary>
    internal const uint FsconfigCmdCreate = 6;

    /// <summary>MOVE_MOUNT_T_SYMLINKS: follow symlinks in the target path, as mount(2) does.</summary>
    internal const uint MoveMountTargetSymlinks = 0x10;

    /// <summary>MOVE_MOUNT_F_EMPTY_PATH: the source is the descriptor itself.</summary>
    internal const uint MoveMountFromEmptyPath = 0x4;

    /// <summary>AT_FDCWD.</summary>
    internal const int AtFdCwd = -100;

    /// <summary><c>int fsopen(const char *fs_name, unsigned int flags)</c>.</summary>
    [LibraryImport("libc", EntryPoint = "fsopen", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Fsopen(string fileSystemType, uint flags);

    /// <summary><c>int fsconfig(int fd, unsigned int cmd, const char *key, const void *value, int aux)</c> with a string or no value.</summary>
    [LibraryImport("libc", EntryPoint = "fsconfig", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Fsconfig(int fd, uint command, string? key, string? value, int aux);

    /// <summary><c>int fsmount(int fd, unsigned int flags, unsigned int attr_flags)</c>.</summary>
    [LibraryImport("libc", EntryPoint = "fsmount", SetLastError = true)]
    internal static partial int Fsmount(int fd, uint flags, uint attributes);

    /// <summary><c>int move_mount(int from_dirfd, const char *from_path, int to_dirfd, const char *to_path, unsigned int flags)</c>.</summary>
    [LibraryImport("libc", EntryPoint = "move_mount", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int MoveMount(int fromDirectory, string fromPath, int toDirectory, string toPath, uint flags);
}
