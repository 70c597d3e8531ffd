namespace Erofs.Building.Tar;

/// <summary>How <see cref="TarArchive"/> reads an archive (the tar options of mkfs.erofs).</summary>
public sealed record TarReadOptions
{
    /// <summary>
    /// Treat the input as gzip even without the gzip magic (<c>--ungzip</c>). Gzip input is detected
    /// by its magic anyway.
    /// </summary>
    public bool Ungzip { get; init; }

    /// <summary>
    /// Turn aufs/OCI whiteouts into overlayfs ones (<c>--aufs</c>): <c>.wh.NAME</c> becomes a
    /// character device 0:0 named NAME and marks its directory with <c>trusted.overlay.origin</c>;
    /// <c>.wh..wh..opq</c> sets <c>trusted.overlay.opaque=y</c> on its directory.
    /// </summary>
    public bool Aufs { get; init; }

    /// <summary>
    /// Drop overlayfs metadata (<c>--ovlfs-strip</c>): every whiteout (character device 0:0) and every
    /// <c>trusted.overlay.opaque</c> xattr, and add no <c>trusted.overlay.origin</c>.
    /// </summary>
    public bool OvlfsStrip { get; init; }

    /// <summary>
    /// Where standard input or decompressed gzip data is spooled (an unlinked temporary file);
    /// null means <see cref="Path.GetTempPath"/>.
    /// </summary>
    public string? SpoolDirectory { get; init; }

    /// <summary>Owner of the root when the archive has no "." entry.</summary>
    public uint RootUid { get; init; }

    /// <summary>Group of the root when the archive has no "." entry.</summary>
    public uint RootGid { get; init; }

    /// <summary>Modification time (seconds) of the root when the archive has no "." entry.</summary>
    public long RootMtimeSeconds { get; init; }

    /// <summary>Nanoseconds of the root's modification time when the archive has no "." entry.</summary>
    public uint RootMtimeNanoseconds { get; init; }
}
