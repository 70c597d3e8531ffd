using Erofs.Mounting;
using Erofs.Runtime.Interop;
using Erofs.Runtime.Store;

namespace Erofs.Runtime.Overlay;

/// <summary>
/// The daemon-free sharing backend (<c>-o inode_share,backend=overlay</c>): every non-empty regular file of
/// the image is published to the domain's store, a metadata image pointing each file at its object is built
/// (once per image version, kept in the store), and the kernel mounts it under a read-only overlay whose
/// data-only layer is the store's objects directory. Nothing keeps running; see docs/lifetime.md for what
/// keeps the objects alive.
/// </summary>
public static class OverlayBackend
{
    /// <summary>Why this process cannot use the overlay backend (not root, or the kernel lacks a feature), or null.</summary>
    public static string? Unavailable() =>
        Libc.EffectiveUid != 0 ? "the overlay backend needs root (it mounts EROFS and overlayfs itself)" : MountSupport.OverlayBackendProblem();

    /// <summary>
    /// Publishes the image and builds its metadata image, unless the store has it already. Until the result
    /// is disposed the store is held for the mount (gc waits), so mount it before disposing.
    /// </summary>
    /// <param name="imagePath">The image.</param>
    /// <param name="options">Its devices and the sharing options (<c>inode_share</c> with a domain).</param>
    /// <param name="log">Hears of mismatches and store repairs.</param>
    /// <param name="progress">Told (files done, files in all) while publishing.</param>
    /// <exception cref="OverlayUnrepresentableException">overlayfs cannot show an entry of the image.</exception>
    /// <exception cref="ErofsContentException">The image is damaged.</exception>
    /// <exception cref="IOException">The image or the store cannot be used (ENOSPC…).</exception>
    public static PreparedOverlay Prepare(string imagePath, ErofsMountOptions options, Action<string>? log = null, Action<long, long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.InodeShare || options.DomainId is not { } domain)
            throw new ArgumentException("the overlay backend needs inode_share and domain_id");
        var (image, identity) = ErofsMount.OpenImage(imagePath, options);
        using (image)
        {
            var store = new ObjectStore(options.Store ?? ErofsMountOptions.DefaultStore, domain, log: log);
            IDisposable? hold = null;
            try
            {
                hold = store.HoldForMount();
                store.NameImage(identity, Path.GetFullPath(imagePath));
                string name = ObjectStore.MetadataImageName(identity, MetadataImage.FormatVersion);
                PublishedImage? published = null;
                var metadata = store.OpenMetadataImage(name);
                if (metadata is null)
                {
                    // Only here: the check walks every inode of the image (O_DIRECT, about half a second for a
                    // Debian tree), and a metadata image exists only for an image that passed it (Write refuses
                    // the rest), so a mount that finds one skips the walk.
                    if (MetadataImage.FindUnrepresentable(image) is { } problem)
                        throw new OverlayUnrepresentableException(problem);
                    published = ImagePublisher.Publish(image, identity, store, options.TrustFingerprints, log, progress);
                    metadata = store.AddMetadataImage(name, file => MetadataImage.Write(image, published.Objects, file));
                }
                return new PreparedOverlay(store, hold, metadata, name, published);
            }
            catch
            {
                hold?.Dispose();
                store.Dispose();
                throw;
            }
        }
    }

    /// <summary>Prepares (see <see cref="Prepare"/>) and mounts the image read-only on <paramref name="mountPoint"/>.</summary>
    /// <returns>What publishing did, or null when the metadata image existed already.</returns>
    /// <exception cref="OverlayUnrepresentableException">overlayfs cannot show an entry of the image.</exception>
    /// <exception cref="ErofsContentException">The image is damaged.</exception>
    /// <exception cref="IOException">The image or the store cannot be used, or the kernel refused the mount.</exception>
    public static PublishedImage? Mount(string imagePath, string mountPoint, ErofsMountOptions options, Action<string>? log = null, Action<long, long>? progress = null)
    {
        using var prepared = Prepare(imagePath, options, log, progress);
        using var objects = prepared.Store.OpenObjectsDirectory();
        OverlayMounter.Mount(prepared.MetadataImage, objects, mountPoint, OverlayMounter.SourceFor(imagePath));
        return prepared.Published;
    }
}
