namespace Erofs.Fuse;

/// <summary>How a session mounts.</summary>
public enum FuseMountMethod
{
    /// <summary>mount(2) when the process runs as root, else fusermount3.</summary>
    Auto,
    /// <summary>The mount(2) system call (needs CAP_SYS_ADMIN).</summary>
    Syscall,
    /// <summary>The setuid helper <c>fusermount3</c> (Debian package fuse3), which passes the device back over a socket; no passthrough.</summary>
    Fusermount,
}
