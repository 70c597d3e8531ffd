using System.Text;
using Erofs.Reading;
using Erofs.Runtime.Store;

namespace Erofs.Runtime.Overlay;

/// <summary>
/// How a metadata image names a file's object: <c>trusted.overlay.redirect</c> = <c>/ab/cdef…</c>, the
/// object's path below <c>objects/</c> (the overlay's data-only layer).
/// </summary>
public static class ObjectRedirect
{
    /// <summary>The xattr overlayfs follows to a file's data.</summary>
    public const string XattrName = "trusted.overlay.redirect";

    /// <summary>The xattr (empty value) that tells overlayfs a file's data lives elsewhere.</summary>
    public const string MetacopyXattrName = "trusted.overlay.metacopy";

    /// <summary>The redirect value for <paramref name="fingerprint"/>.</summary>
    public static byte[] Of(Fingerprint fingerprint) => Encoding.ASCII.GetBytes($"/{fingerprint.Hex[..2]}/{fingerprint.Hex[2..]}");

    /// <summary>The object a redirect names, or null when the value is not one of ours.</summary>
    public static Fingerprint? Parse(ReadOnlySpan<byte> value)
    {
        int hexLength = 2 * Fingerprint.Length;
        if (value.Length != hexLength + 2 || value[0] != '/' || value[3] != '/')
            return null;
        string hex = Encoding.ASCII.GetString(value[1..3]) + Encoding.ASCII.GetString(value[4..]);
        return hex.All(char.IsAsciiHexDigitLower) ? Fingerprint.FromHex(hex) : null;
    }

    /// <summary>Every object the metadata image <paramref name="image"/> points at.</summary>
    /// <exception cref="ErofsContentException">The image is damaged.</exception>
    public static HashSet<Fingerprint> ReadAll(ErofsImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var objects = new HashSet<Fingerprint>();
        foreach (var file in MetadataWalk.RegularFiles(image))
        {
            if (image.GetXattr(file.Inode, XattrName) is { } value && Parse(value) is { } fingerprint)
                objects.Add(fingerprint);
        }
        return objects;
    }
}
