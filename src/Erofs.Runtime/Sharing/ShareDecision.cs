using Erofs.Runtime.Store;

namespace Erofs.Runtime.Sharing;

/// <summary>
/// A file's fate for the life of a mount, decided at its first open: backed by the object of
/// <see cref="Fingerprint"/>, or served privately from its own image.
/// </summary>
/// <param name="Fingerprint">The object backing the file, or null when it is private.</param>
/// <param name="Reason">Why it is private (empty when shared).</param>
internal sealed record ShareDecision(Fingerprint? Fingerprint, string Reason)
{
    /// <summary>Private, for <paramref name="reason"/>.</summary>
    public static ShareDecision Private(string reason) => new(null, reason);

    /// <summary>Shared through the object of <paramref name="fingerprint"/>.</summary>
    public static ShareDecision Shared(Fingerprint fingerprint) => new(fingerprint, "");

    /// <summary>True when the file is backed by an object.</summary>
    public bool IsShared => Fingerprint is not null;
}
