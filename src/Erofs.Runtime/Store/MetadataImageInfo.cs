namespace Erofs.Runtime.Store;

/// <summary>One metadata image of the overlay backend as <see cref="ObjectStore.Stats"/> and gc see it.</summary>
/// <param name="Name">Its name in <c>meta/</c> (image identity and format version).</param>
/// <param name="Mounted">Whether a mount holds it (in any mount namespace): then its objects are pinned.</param>
/// <param name="Objects">The distinct objects it points at.</param>
public sealed record MetadataImageInfo(string Name, bool Mounted, IReadOnlySet<Fingerprint> Objects);
