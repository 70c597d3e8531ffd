namespace Erofs.Conformance.Tests.Infrastructure;

/// <summary>
/// A read-only overlayfs whose metadata layer holds metacopy files redirected into a data-only lower layer
/// (<c>mount -t overlay overlay -o ro,metacopy=on,redirect_dir=follow,lowerdir=META::DATA DIR</c>, Linux 6.5+),
/// the way composefs serves a metadata image over an object store. <see cref="Dispose"/> unmounts (lazily
/// when busy) and removes the directory, whether or not the test passed.
/// </summary>
public sealed class OverlayMount : IDisposable
{
    private bool _disposed;

    private OverlayMount(string mountPoint) => MountPoint = mountPoint;

    /// <summary>The directory the overlay is mounted on.</summary>
    public string MountPoint { get; }

    /// <summary>Mounts <paramref name="metadataLayer"/> over the data-only layer <paramref name="dataLayer"/>.</summary>
    public static OverlayMount Mount(string metadataLayer, string dataLayer)
    {
        foreach (var layer in new[] { metadataLayer, dataLayer })
        {
            if (layer.Contains(',', StringComparison.Ordinal) || layer.Contains(':', StringComparison.Ordinal))
            {
                throw new ArgumentException($"overlay layer paths must not contain ',' or ':': {layer}");
            }
        }

        var dir = TempDir.Create("ovl").Path;
        try
        {
            var options = $"ro,metacopy=on,redirect_dir=follow,lowerdir={metadataLayer}::{dataLayer}";
            var result = ProcessRunner.Run("mount", ["-t", "overlay", "overlay", "-o", options, dir], TimeSpan.FromSeconds(60));
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"'{result.CommandLine}' failed ({result.ExitCode}): {result.StdErr.Trim()}");
            }

            var info = MountTable.Find(dir);
            if (info == null || info.FsType != "overlay")
            {
                throw new InvalidOperationException($"no overlay mount on {dir} (found: {info?.FsType ?? "nothing"}).");
            }

            return new OverlayMount(dir);
        }
        catch
        {
            Cleanup(dir);
            throw;
        }
    }

    /// <summary>Path of an entry inside the overlay, e.g. <c>Resolve("/dir/file")</c>.</summary>
    public string Resolve(string treePath) => treePath == "/" ? MountPoint : MountPoint + treePath;

    /// <summary>Unmounts and removes the mount point.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Cleanup(MountPoint);
    }

    private static void Cleanup(string dir)
    {
        if (MountTable.IsMountPoint(dir) && LibC.Unmount(dir, 0) != 0)
        {
            // Busy (an open file in a failed test): detach lazily so the erofs mount below can go too.
            var errno = LibC.Unmount(dir, LibC.MntDetach);
            if (errno != 0)
            {
                throw new InvalidOperationException($"could not unmount the overlay on {dir}: errno {errno}");
            }
        }

        Directory.Delete(dir, recursive: false);
    }
}
