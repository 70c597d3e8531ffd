namespace Erofs.Runtime.Store;

/// <summary>One object as seen by <see cref="ObjectStore.Stats"/>.</summary>
/// <param name="Fingerprint">Its fingerprint.</param>
/// <param name="Size">Bytes.</param>
/// <param name="LastUse">Last lease taken or released (publication time if never leased).</param>
/// <param name="Leases">Shared locks held on it right now (open leases across processes), or null when /proc/locks is unreadable.</param>
/// <param name="ResidentBytes">Bytes of it in the page cache, or null when the kernel cannot tell (no cachestat).</param>
public sealed record StoredObject(Fingerprint Fingerprint, long Size, DateTime LastUse, int? Leases, long? ResidentBytes);
