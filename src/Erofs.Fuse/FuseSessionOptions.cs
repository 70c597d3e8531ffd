namespace Erofs.Fuse;

/// <summary>How to mount and serve a file system.</summary>
public sealed record FuseSessionOptions
{
    /// <summary>The source shown in /proc/mounts (for example the image path).</summary>
    public string Source { get; init; } = "fuse";

    /// <summary>The subtype: the mount shows as <c>fuse.SUBTYPE</c>.</summary>
    public string Subtype { get; init; } = "erofs";

    /// <summary>Let every user, not only the mounting one, use the mount (allow_other; needs user_allow_other in /etc/fuse.conf without root).</summary>
    public bool AllowOther { get; init; } = true;

    /// <summary>Request FUSE_POSIX_ACL: the kernel reads ACLs through getxattr and enforces them.</summary>
    public bool PosixAcl { get; init; } = true;

    /// <summary>Request FUSE_EXPORT_SUPPORT (the file system answers lookups of "." and "..").</summary>
    public bool ExportSupport { get; init; }

    /// <summary>Request FUSE_PASSTHROUGH (honoured only for mount(2) mounts; fusermount3 mounts never get it).</summary>
    public bool Passthrough { get; init; }

    /// <summary>Worker threads, each reading its own cloned device descriptor.</summary>
    public int Workers { get; init; } = Math.Clamp(Environment.ProcessorCount, 2, 4);

    /// <summary>Largest READ in 4 KiB pages (FUSE_MAX_PAGES).</summary>
    public int MaxPages { get; init; } = 256;

    /// <summary>How to mount.</summary>
    public FuseMountMethod MountMethod { get; init; } = FuseMountMethod.Auto;

    /// <summary>Where diagnostics go (one line each); null drops them.</summary>
    public Action<string>? Log { get; init; }
}
