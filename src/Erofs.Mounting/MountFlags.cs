namespace Erofs.Mounting;

/// <summary>Flags of mount(2) (<c>MS_*</c>) that <see cref="Mounter.Mount"/> passes on.</summary>
[Flags]
public enum MountFlags : ulong
{
    /// <summary>No flag.</summary>
    None = 0,

    /// <summary>MS_RDONLY.</summary>
    ReadOnly = 1,

    /// <summary>MS_NOSUID: setuid and setgid bits and file capabilities are ignored.</summary>
    NoSuid = 2,

    /// <summary>MS_NODEV: device files cannot be opened.</summary>
    NoDev = 4,

    /// <summary>MS_NOEXEC: nothing on it can be executed.</summary>
    NoExec = 8,
}
