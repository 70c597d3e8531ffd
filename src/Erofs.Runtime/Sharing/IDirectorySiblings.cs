using Erofs.Reading;

namespace Erofs.Runtime.Sharing;

/// <summary>The directories of the mounted image as publishing ahead walks them (the file system's listings).</summary>
internal interface IDirectorySiblings
{
    /// <summary>
    /// The entries of directory <paramref name="directory"/> in stored order and the position of
    /// <paramref name="nid"/> among them; false when the directory cannot be read or does not hold it.
    /// </summary>
    bool TryFind(ulong directory, ulong nid, out IReadOnlyList<DirectoryEntry> entries, out int index);

    /// <summary>The inode of <paramref name="nid"/>.</summary>
    /// <exception cref="ErofsContentException">It is damaged.</exception>
    InodeInfo Inode(ulong nid);
}
