using Erofs.Building.Source;
using Erofs.Runtime.Store;

namespace Erofs.Runtime.Overlay;

/// <summary>
/// The overlayfs xattrs of a metadata image: the two that send a file's reads to its object, and
/// the escaping that keeps an image's own <c>trusted.overlay.*</c> xattrs from meaning anything.
/// </summary>
internal static class OverlayXattrs
{
    /// <summary>What overlayfs (mounted without <c>userxattr</c>) reads its own markers under.</summary>
    public const string Prefix = "trusted.overlay.";

    /// <summary>
    /// What overlayfs (Linux 6.7+) takes for an escaped name: it lists and reads it without one
    /// <c>overlay.</c> and never acts on it.
    /// </summary>
    public const string EscapedPrefix = Prefix + "overlay.";

    /// <summary>
    /// The name a lower-layer xattr must have for overlayfs to show <paramref name="name"/>:
    /// <c>trusted.overlay.X</c> becomes <c>trusted.overlay.overlay.X</c> (an already escaped name
    /// gains one more level); every other name stays.
    /// </summary>
    public static string Escape(string name) =>
        name.StartsWith(Prefix, StringComparison.Ordinal) ? EscapedPrefix + name[Prefix.Length..] : name;

    /// <summary>
    /// The markers that make overlayfs read <paramref name="content"/>'s object for a file: metacopy
    /// (empty: no fs-verity digest to check) and the redirect the store's gc reads back.
    /// </summary>
    public static SourceXattr[] PointingAt(Fingerprint content) =>
    [
        new SourceXattr(ObjectRedirect.MetacopyXattrName, []),
        new SourceXattr(ObjectRedirect.XattrName, ObjectRedirect.Of(content)),
    ];
}
