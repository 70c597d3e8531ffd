namespace Erofs.Runtime.Store;

/// <summary>What <see cref="ObjectStore.Fsck"/> found.</summary>
/// <param name="Domain">The domain.</param>
/// <param name="Good">Objects whose content matches their name.</param>
/// <param name="Quarantined">Objects moved to <c>quarantine/</c> (wrong content, type, owner or mode).</param>
/// <param name="BytesHashed">Bytes read to check them.</param>
public sealed record FsckResult(string Domain, int Good, int Quarantined, long BytesHashed);
