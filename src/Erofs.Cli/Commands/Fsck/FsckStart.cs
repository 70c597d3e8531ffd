using Erofs.Reading;

namespace Erofs.Cli.Commands.Fsck;

/// <summary>Where a check with <c>--path</c> or <c>--nid</c> starts; null for the whole image.</summary>
internal static class FsckStart
{
    /// <exception cref="FileNotFoundException">The path is not in the image.</exception>
    /// <exception cref="IOException">No inode can be read at the nid.</exception>
    public static ImageWalkStart? Resolve(ErofsImage image, FsckRequest request)
    {
        if (request.InodePath is { } path)
        {
            var inode = image.ResolvePath(path) ?? throw new FileNotFoundException($"{path}: no such file or directory in the image");
            return inode.Nid == image.Root.Nid ? null : new ImageWalkStart(inode.Nid, "/" + path.Trim('/'));
        }
        if (request.Nid is not { } nid || nid == image.Root.Nid)
            return null;
        try
        {
            image.GetInode(nid);
        }
        catch (Exception e) when (e is ErofsContentException or NotSupportedException)
        {
            // A nid that names no inode is a wrong argument, not a damaged image.
            throw new IOException($"--nid={nid}: no inode there ({e.Message})", e);
        }
        // Paths below the start are shown relative to it: nothing on the way says what its own path is.
        return new ImageWalkStart(nid, $"<nid {nid}>");
    }
}
