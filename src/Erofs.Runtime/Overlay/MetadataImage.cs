using Erofs.Building;
using Erofs.Building.Source;
using Erofs.Reading;
using Erofs.Runtime.Store;
using Microsoft.Win32.SafeHandles;

namespace Erofs.Runtime.Overlay;

/// <summary>
/// The metadata image of the daemon-free sharing backend (composefs-style): an image's tree with
/// every non-empty regular file reduced to its size plus <c>trusted.overlay.metacopy</c> and
/// <c>trusted.overlay.redirect</c> = <c>/ab/cdef…</c>, the path of its object in the store's
/// objects directory. Mounted as EROFS and then as overlayfs
/// (<c>lowerdir+=META,datadir+=OBJECTS,metacopy=on,redirect_dir=follow</c>, read-only, without
/// <c>userxattr</c>, which would make <c>user.overlay.*</c> xattrs markers too), it shows the
/// original tree and reads each file from its object.
/// <para>
/// The image's own <c>trusted.overlay.*</c> xattrs are escaped (<c>trusted.overlay.overlay.*</c>):
/// overlayfs (Linux 6.7+) shows them under their original names and never acts on them, so an image
/// cannot plant a redirect, metacopy, opaque or whiteout marker. What escaping cannot fix is
/// refused (<see cref="FindUnrepresentable"/>).
/// </para>
/// </summary>
public static class MetadataImage
{
    /// <summary>
    /// The version of what <see cref="Write"/> produces. Bump it whenever the same input can give
    /// another image (markers, escaping, layout, the fixed UUID or time), so images written by an
    /// older version are rebuilt rather than taken for current ones.
    /// </summary>
    public const int FormatVersion = 1;

    // Fixed, so the same input gives the same bytes. Nothing shows either through the overlay:
    // the UUID is all zeros because nothing looks a metadata image up by it (it is mounted by path,
    // from a file, so no udev or blkid sees it); the build time is the epoch because it is only the
    // mtime of compact inodes, and trees built reproducibly often carry mtime 0, so theirs stay compact.
    // Per-inode times are kept (not -T for every inode); 4096-byte blocks, inline tails: the defaults.
    private static readonly BuildOptions Options = new() { Timestamp = 0, TimestampAllInodes = false, Uuid = new byte[16] };

    /// <summary>
    /// Null when <paramref name="image"/> can be shown through a metadata image, else a one-line
    /// reason naming the first entry that cannot (its path and nid): a character device 0/0
    /// (overlayfs always takes it for a whiteout and hides the name), or an xattr name that cannot
    /// be escaped or read back exactly. Anything else <see cref="BuildTree"/> throws for is damage
    /// in the image (or a missing object).
    /// </summary>
    /// <exception cref="ErofsContentException">The image is damaged.</exception>
    public static string? FindUnrepresentable(ErofsImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        foreach (var (entry, first) in MetadataWalk.Entries(image))
        {
            if (first && OverlayLimits.Check(entry, image.ListXattrs(entry.Inode)) is { } reason)
                return reason;
        }
        return null;
    }

    /// <summary>
    /// The metadata image's tree: <paramref name="image"/>'s names (raw bytes), modes, owners,
    /// nanosecond mtimes, symlink targets, device numbers and non-hidden xattrs (overlay ones
    /// escaped), hard links as one node; each non-empty regular file a <see cref="SizeOnlyContent"/>
    /// pointing at its object, empty ones left empty.
    /// </summary>
    /// <param name="image">The image to describe.</param>
    /// <param name="objects">The object of every non-empty regular file, by nid.</param>
    /// <exception cref="ArgumentException">A non-empty regular file has no object (the message names it).</exception>
    /// <exception cref="NotSupportedException">What <see cref="FindUnrepresentable"/> reports, with its line.</exception>
    /// <exception cref="ErofsContentException">The image is damaged.</exception>
    public static SourceNode BuildTree(ErofsImage image, IReadOnlyDictionary<ulong, Fingerprint> objects)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(objects);
        return new MetadataTree(image, objects).Build();
    }

    /// <summary>
    /// Builds the tree (<see cref="BuildTree"/>) and writes the metadata image into
    /// <paramref name="output"/>, an empty, writable regular file the caller made and links into
    /// place afterwards; it is neither renamed nor closed here. The same input gives the same bytes.
    /// </summary>
    /// <exception cref="ArgumentException">A file has no object, or the output is not empty.</exception>
    /// <exception cref="NotSupportedException">What <see cref="FindUnrepresentable"/> reports.</exception>
    /// <exception cref="ErofsContentException">The image is damaged.</exception>
    /// <exception cref="InvalidSourceException">The tree cannot be stored (a name or value too long).</exception>
    public static void Write(ErofsImage image, IReadOnlyDictionary<ulong, Fingerprint> objects, SafeFileHandle output)
    {
        ArgumentNullException.ThrowIfNull(output);
        ImageBuilder.Build(BuildTree(image, objects), output, Options);
    }
}
