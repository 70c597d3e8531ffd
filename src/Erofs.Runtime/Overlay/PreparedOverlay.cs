using Erofs.Runtime.Store;
using Microsoft.Win32.SafeHandles;

namespace Erofs.Runtime.Overlay;

/// <summary>An image ready for an overlay mount: its metadata image open, the store held until disposed.</summary>
public sealed class PreparedOverlay : IDisposable
{
    private readonly IDisposable _hold;

    internal PreparedOverlay(ObjectStore store, IDisposable hold, SafeFileHandle metadataImage, string name, PublishedImage? published)
    {
        Store = store;
        _hold = hold;
        MetadataImage = metadataImage;
        MetadataImageName = name;
        Published = published;
    }

    /// <summary>The domain's store.</summary>
    public ObjectStore Store { get; }

    /// <summary>The metadata image, open for reading.</summary>
    public SafeFileHandle MetadataImage { get; }

    /// <summary>Its name in the store's <c>meta/</c>.</summary>
    public string MetadataImageName { get; }

    /// <summary>What publishing did, or null when the metadata image existed already.</summary>
    public PublishedImage? Published { get; }

    /// <summary>Closes the metadata image, releases the hold, closes the store.</summary>
    public void Dispose()
    {
        MetadataImage.Dispose();
        _hold.Dispose();
        Store.Dispose();
    }
}
