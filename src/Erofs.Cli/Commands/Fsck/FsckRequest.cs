using Erofs.Extracting;

namespace Erofs.Cli.Commands.Fsck;

/// <summary>What `erofs fsck` / fsck.erofs was asked to do, checked before the image is opened.</summary>
/// <param name="ImagePath">The image.</param>
/// <param name="ExtractDirectory">Where to extract (<c>--extract=X</c>), or null.</param>
/// <param name="Extraction">How to extract (owners, permissions, xattrs, overwrite).</param>
/// <param name="Nid">Check only this inode's tree (<c>--nid</c>), or null.</param>
/// <param name="InodePath">Check only the tree at this path (<c>--path</c>, which wins over <c>--nid</c> as in fsck.erofs), or null.</param>
internal sealed record FsckRequest(string ImagePath, string? ExtractDirectory, ExtractOptions Extraction, ulong? Nid, string? InodePath);
