using Erofs.Runtime.Store;

namespace Erofs.Runtime.Sharing;

/// <summary>How a mount shares: which fingerprints it believes and which it computes.</summary>
/// <param name="ImageName">The image, as named in log lines.</param>
/// <param name="TrustFingerprints">Believe image fingerprints without hashing (the kernel's model).</param>
/// <param name="LocalFingerprints">Compute fingerprints for files that have none.</param>
/// <param name="LeaseLinger">How long a lease outlives the last open file using its object.</param>
internal sealed record SharingPolicy(string ImageName, bool TrustFingerprints, bool LocalFingerprints, TimeSpan LeaseLinger);
