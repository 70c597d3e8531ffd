using Erofs.Reading;
using Erofs.Runtime.Overlay;
using Erofs.Storage;

namespace Erofs.Runtime.Store;

public sealed partial class ObjectStore
{
    /// <summary>
    /// Every metadata image with whether it is mounted and what it points at. Hold <c>meta/</c> exclusively
    /// (gc) for an answer that stays true; stats take it as a snapshot. An unmounted image that cannot be
    /// read goes to quarantine; a mounted one that cannot be read is an error, since its objects are unknown.
    /// </summary>
    /// <exception cref="IOException">A mounted metadata image cannot be read.</exception>
    private List<MetadataImageInfo> ScanMetadataImages()
    {
        var found = new List<MetadataImageInfo>();
        foreach (string name in _meta.Names().Order(StringComparer.Ordinal).ToList())
        {
            var file = OpenMetadataImage(name);
            if (file is null)
                continue;
            string path = _meta.Combine(name);
            bool mounted = HeldOpenElsewhere(file, path);
            try
            {
                using var image = ErofsImage.Open(new FileBlockSource(file, path));
                found.Add(new(name, mounted, ObjectRedirect.ReadAll(image)));
            }
            catch (Exception e) when (e is ErofsContentException or NotSupportedException or EndOfStreamException)
            {
                if (mounted)
                    throw new IOException($"{path}: mounted, but cannot be read ({e.Message}), so which objects it needs is unknown: gc removes nothing", e);
                Quarantine(_meta, name, $"unreadable ({e.Message})");
            }
        }
        return found;
    }

    // Unmounted metadata images that no mount will use again: another format version, or an image file
    // that is gone or changed (its verification records name the file).
    private int RemoveStaleMetadataImages(List<MetadataImageInfo> images)
    {
        int removed = 0;
        foreach (var image in images.Where(i => !i.Mounted).ToList())
        {
            int dot = image.Name.LastIndexOf(".v", StringComparison.Ordinal);
            string key = dot < 0 ? image.Name : image.Name[..dot];
            bool current = dot >= 0 && image.Name[(dot + 2)..] == MetadataImage.FormatVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (current && ImageStillThere(key + VerificationLog.ImageSuffix, key))
                continue;
            _meta.Remove(image.Name);
            images.Remove(image);
            removed++;
        }
        return removed;
    }
}
