using Erofs.Conformance.Tests.Infrastructure;
using Erofs.Reading;
using Erofs.Runtime.Overlay;

namespace Erofs.Conformance.Tests.Overlay;

/// <summary>
/// An image served the way the daemon-free sharing backend serves it: its contents as object files,
/// its metadata image (<see cref="MetadataImage.Write"/>) mounted by the kernel from the file, and
/// overlayfs over that with the objects as data-only layer. <see cref="Dispose"/> unmounts both and
/// removes every file, whether or not the test passed.
/// </summary>
internal sealed class MetadataOverlay : IDisposable
{
    private readonly TempDir _dir;
    private readonly KernelMount _metadata;
    private readonly OverlayMount _overlay;

    private MetadataOverlay(TempDir dir, KernelMount metadata, OverlayMount overlay)
    {
        _dir = dir;
        _metadata = metadata;
        _overlay = overlay;
    }

    /// <summary>Where the overlay is mounted: the image's tree as users see it.</summary>
    public string MountPoint => _overlay.MountPoint;

    /// <summary>Path of an entry inside the overlay.</summary>
    public string Resolve(string treePath) => _overlay.Resolve(treePath);

    /// <summary>Path of an entry in the kernel mount of the metadata image itself (below the overlay).</summary>
    public string ResolveMetadata(string treePath) => _metadata.Resolve(treePath);

    /// <summary>Writes the objects and the metadata image of <paramref name="image"/> and mounts them.</summary>
    public static MetadataOverlay Serve(ErofsImage image)
    {
        var dir = TempDir.Create("metaovl");
        KernelMount? metadata = null;
        try
        {
            string objectsDir = dir.CreateSubdirectory("objects");
            var objects = ObjectFiles.Write(image, objectsDir);
            string metaPath = dir.Combine("meta.erofs");
            using (var output = File.OpenHandle(metaPath, FileMode.CreateNew, FileAccess.ReadWrite))
                MetadataImage.Write(image, objects, output);
            metadata = KernelMount.Mount(metaPath, [], KernelMountMode.FileBacked);
            return new MetadataOverlay(dir, metadata, OverlayMount.Mount(metadata.MountPoint, objectsDir));
        }
        catch
        {
            metadata?.Dispose();
            dir.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        try
        {
            _overlay.Dispose();
        }
        finally
        {
            try
            {
                _metadata.Dispose();
            }
            finally
            {
                _dir.Dispose();
            }
        }
    }
}
