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
    private const int ENOTBLK = 15;

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
        var store = new ObjectStore(options.Store ?? ErofsMountOptions.DefaultStore, domain, log: log);
        IDisposable? hold = null;
        try
        {
            hold = store.HoldForMount();
            // A mount of an unchanged image reads nothing of it: its metadata image, keyed by the file's
            // identity, was built only from a representable image whose objects all exist.
            string name = ObjectStore.MetadataImageName(ImageIdentity.Of(imagePath), MetadataImage.FormatVersion);
            if (store.OpenMetadataImage(name) is { } existing)
                return new PreparedOverlay(store, hold, existing, name, null);
            var (metadata, builtName, published) = Build(imagePath, options, store, log, progress);
            return new PreparedOverlay(store, hold, metadata, builtName, published);
        }
        catch
        {
            hold?.Dispose();
            store.Dispose();
            throw;
        }
    }

    private static (Microsoft.Win32.SafeHandles.SafeFileHandle Metadata, string Name, PublishedImage Published) Build(
        string imagePath, ErofsMountOptions options, ObjectStore store, Action<string>? log, Action<long, long>? progress)
    {
        var (image, identity) = ErofsMount.OpenImage(imagePath, options);
        using (image)
        {
            if (MetadataImage.FindUnrepresentable(image) is { } problem)
                throw new OverlayUnrepresentableException(problem);
            store.NameImage(identity, Path.GetFullPath(imagePath));
            // The identity of what was opened: if the file was replaced since the lookup above, this is the new one.
            string name = ObjectStore.MetadataImageName(identity, MetadataImage.FormatVersion);
            // The publisher's lines name the file (nid and path); a log may hear of several images.
            string fullPath = Path.GetFullPath(imagePath);
            Action<string>? publishLog = log is null ? null : message => log($"{fullPath}: {message}");
            var published = ImagePublisher.Publish(image, identity, store, options.TrustFingerprints, publishLog, progress);
            RequireLinked(published, store);
            var metadata = store.AddMetadataImage(name, file => MetadataImage.Write(image, published.Objects, file));
            return (metadata, name, published);
        }
    }

    // A metadata image may exist only if every object it points at does: a small object whose batched link
    // failed (ENOSPC, EIO: logged by the store) must stop the mount here.
    private static void RequireLinked(PublishedImage published, ObjectStore store)
    {
        store.Flush();
        foreach (var fingerprint in published.Objects.Values.Distinct())
        {
            if (!store.Contains(fingerprint))
                throw new IOException($"object {fingerprint.Hex} was written but could not be linked into the store (see the store's message): nothing is mounted");
        }
    }

    /// <summary>Prepares (see <see cref="Prepare"/>) and mounts the image read-only on <paramref name="mountPoint"/>.</summary>
    /// <returns>What publishing did, or null when the metadata image existed already.</returns>
    /// <exception cref="OverlayUnrepresentableException">overlayfs cannot show an entry of the image.</exception>
    /// <exception cref="ErofsContentException">The image is damaged.</exception>
    /// <exception cref="OverlayStoreUnsuitableException">The store's file system cannot back an EROFS mount (tmpfs, overlayfs); found only once the image is published.</exception>
    /// <exception cref="IOException">The image or the store cannot be used, or the kernel refused the mount.</exception>
    public static PublishedImage? Mount(string imagePath, string mountPoint, ErofsMountOptions options, Action<string>? log = null, Action<long, long>? progress = null)
    {
        OverlayMounter.CheckMountPoint(mountPoint); // before publishing, which may take minutes
        using var prepared = Prepare(imagePath, options, log, progress);
        using var objects = prepared.Store.OpenObjectsDirectory();
        try
        {
            OverlayMounter.Mount(prepared.MetadataImage, objects, mountPoint, OverlayMounter.SourceFor(imagePath));
        }
        catch (IOException e) when (e.HResult == ENOTBLK)
        {
            // The metadata image is the file the kernel refused, and it lives in the store, not beside the image.
            throw new OverlayStoreUnsuitableException(
                $"the store {prepared.Store.DomainDirectory} is on a file system that cannot back an EROFS mount (tmpfs and overlayfs cannot), so its metadata image cannot be mounted: keep the store on a disk file system (ext4, xfs, btrfs…)", e);
        }
        return prepared.Published;
    }
}
