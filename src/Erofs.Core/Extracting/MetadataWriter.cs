using Erofs.Interop;
using Erofs.Reading;

namespace Erofs.Extracting;

/// <summary>
/// Applies an inode's owner, xattrs, mode and mtime to an extracted path, in the order that
/// survives each step: chown clears setuid bits and capabilities, so it comes first; mtime last.
/// </summary>
internal sealed class MetadataWriter(ErofsImage image, ExtractOptions options, List<string> warnings, uint umask)
{
    public void Apply(string path, InodeInfo inode)
    {
        bool isRoot = NativeFile.IsRoot;
        if (options.PreserveOwners && isRoot)
            NativeFile.SetOwner(path, inode.Uid, inode.Gid);
        if (options.PreserveXattrs)
            ApplyXattrs(path, inode, isRoot);
        if (inode.Kind != FileKind.Symlink)
            NativeFile.SetMode(path, options.PreservePermissions ? inode.Mode : inode.Mode & ~umask);
        NativeFile.SetModificationTime(path, inode.MtimeSeconds, inode.MtimeNanoseconds);
    }

    private void ApplyXattrs(string path, InodeInfo inode, bool isRoot)
    {
        foreach (var x in image.ListXattrs(inode))
        {
            if (x.IsHidden || (!isRoot && !x.Name.StartsWith("user.", StringComparison.Ordinal)))
                continue;
            try
            {
                NativeFile.SetXattr(path, x.Name, x.Value);
            }
            catch (IOException e)
            {
                // The target file system may not support a namespace (e.g. user.* on symlinks).
                warnings.Add($"{path}: xattr {x.Name} not restored: {e.Message}");
            }
        }
    }
}
