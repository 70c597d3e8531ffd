namespace Erofs.Mounting;

/// <summary>Attributes of a mount made by <see cref="FileSystemContext.Mount"/> (<c>MOUNT_ATTR_*</c>); none means read-write, relatime.</summary>
[Flags]
public enum MountAttributes : uint
{
    /// <summary>No attribute.</summary>
    None = 0,

    /// <summary>MOUNT_ATTR_RDONLY.</summary>
    ReadOnly = 0x1,

    /// <summary>MOUNT_ATTR_NOSUID: setuid and setgid bits and file capabilities are ignored.</summary>
    NoSuid = 0x2,

    /// <summary>MOUNT_ATTR_NODEV: device files cannot be opened.</summary>
    NoDev = 0x4,

    /// <summary>MOUNT_ATTR_NOEXEC: nothing on it can be executed.</summary>
    NoExec = 0x8,

    /// <summary>MOUNT_ATTR_NOATIME: access times are never updated.</summary>
    NoAtime = 0x10,
}
