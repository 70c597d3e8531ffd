using Erofs.Runtime.Store;

namespace Erofs.Runtime.Sharing;

/// <summary>How <see cref="FileSharing.Open"/> serves one open of a file.</summary>
/// <param name="Fingerprint">The object backing it, or null when the open is private.</param>
/// <param name="BackingId">The passthrough backing id of that object (0 when private).</param>
/// <param name="Tracked">A private open that must be reported to <see cref="FileSharing.ReleasePrivate"/> when released.</param>
internal readonly record struct SharedOpenPlan(Fingerprint? Fingerprint, int BackingId, bool Tracked)
{
    /// <summary>Private for the mount's life (no fingerprint, empty, mismatch): nothing to report.</summary>
    public static SharedOpenPlan Private => default;

    /// <summary>Private this time, after a store error; reported at release.</summary>
    public static SharedOpenPlan PrivateUntilReleased => new(null, 0, true);

    /// <summary>Backed by <paramref name="fingerprint"/>'s object, registered as <paramref name="backingId"/>.</summary>
    public static SharedOpenPlan Shared(Fingerprint fingerprint, int backingId) => new(fingerprint, backingId, false);
}
