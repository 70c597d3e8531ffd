using System.Globalization;
using System.Text;
using Erofs.Reading;

namespace Erofs.Runtime.Overlay;

/// <summary>
/// What a metadata image cannot carry faithfully, whatever it escapes: a character device 0/0,
/// which overlayfs always takes for a whiteout (its name would vanish), and xattr names the
/// image cannot hold or this reader cannot give back exactly.
/// </summary>
internal static class OverlayLimits
{
    // EROFS keeps at most 255 name bytes after the namespace prefix ("trusted.").
    private const int MaxSuffixBytes = 255;
    private const string TrustedPrefix = "trusted.";

    /// <summary>Null, or why this entry cannot be carried: one line naming its path and nid.</summary>
    public static string? Check(ImageWalkEntry entry, IReadOnlyList<XattrEntry> xattrs)
    {
        var inode = entry.Inode;
        if (inode.Kind == FileKind.CharacterDevice && inode.RdevMajor == 0 && inode.RdevMinor == 0)
            return Reason(entry, "character device 0/0, which overlayfs always takes for a whiteout");
        foreach (var x in xattrs.Where(x => !x.IsHidden))
        {
            // The reader decodes names as UTF-8; U+FFFD may stand for bytes it could not decode.
            if (x.Name.Contains('\uFFFD', StringComparison.Ordinal))
                return Reason(entry, $"xattr name '{x.Name}' may not be valid UTF-8, so it cannot be copied exactly");
            bool escaped = x.Name.StartsWith(OverlayXattrs.Prefix, StringComparison.Ordinal);
            if (escaped && Encoding.UTF8.GetByteCount(OverlayXattrs.Escape(x.Name)) - TrustedPrefix.Length > MaxSuffixBytes)
                return Reason(entry, $"xattr name '{x.Name}' is too long to escape (over {MaxSuffixBytes} bytes after '{TrustedPrefix}')");
        }
        return null;
    }

    private static string Reason(ImageWalkEntry entry, string what) =>
        OneLine(string.Create(CultureInfo.InvariantCulture, $"{entry.Path} (nid {entry.Nid}): {what}"));

    // Names may hold any byte but '/' and NUL: control characters are shown as \xNN so the reason stays one line.
    private static string OneLine(string text)
    {
        var line = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (char.IsControl(c))
                line.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
            else
                line.Append(c);
        }
        return line.ToString();
    }
}
