namespace Erofs.Reading;

/// <summary>
/// Where a walk starts when it is not the root: one inode and the subtree below it (fsck.erofs
/// <c>--nid</c>/<c>--path</c>). The start's own ".." is not checked: nothing in the walk says what its
/// parent is, and fsck.erofs takes it from the directory too.
/// </summary>
/// <param name="Nid">The inode the walk starts at.</param>
/// <param name="Path">
/// What entry paths begin with: the start's path in the image ("/usr/lib") for messages, or "" to get
/// paths relative to the start ("/" for it, "/x" below it), as extraction wants.
/// </param>
public sealed record ImageWalkStart(ulong Nid, string Path);
