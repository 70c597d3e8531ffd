using Erofs.Reading;
using Erofs.Runtime.Sharing;

namespace Erofs.Runtime;

/// <summary>
/// The mount's directory listings as publishing ahead walks them. The listing last asked for is kept here
/// too: a reader opens the files of one directory in a row, and the shared listing cache may meanwhile
/// have dropped it for the subdirectories the reader listed in between.
/// </summary>
internal sealed class ListingSiblings(NodeTable nodes, DirectoryListingCache listings) : IDirectorySiblings
{
    private DirectoryListing? _last;

    /// <inheritdoc />
    public bool TryFind(ulong directory, ulong nid, out IReadOnlyList<DirectoryEntry> entries, out int index)
    {
        var listing = _last is { } last && last.Directory.Nid == directory ? last : null;
        if (listing is null)
        {
            var inode = Inode(directory);
            if (inode.Kind != FileKind.Directory)
            {
                (entries, index) = ([], -1);
                return false;
            }
            _last = listing = listings.Get(inode);
        }
        entries = listing.Entries;
        index = listing.IndexOf(nid);
        return index >= 0;
    }

    /// <inheritdoc />
    public InodeInfo Inode(ulong nid) => nodes.Inode(nodes.NodeIdOf(nid));
}
