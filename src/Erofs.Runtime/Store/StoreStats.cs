namespace Erofs.Runtime.Store;

/// <summary>The objects of one domain, least recently used first, with totals.</summary>
/// <param name="Domain">The domain.</param>
/// <param name="Objects">Every object.</param>
/// <param name="Mismatches">Files found not to match their fingerprint, over every image version verified in the domain.</param>
public sealed record StoreStats(string Domain, IReadOnlyList<StoredObject> Objects, int Mismatches)
{
    /// <summary>Sum of object sizes.</summary>
    public long Bytes => Objects.Sum(o => o.Size);

    /// <summary>Sum of resident bytes (objects whose residency is unknown count 0).</summary>
    public long ResidentBytes => Objects.Sum(o => o.ResidentBytes ?? 0);

    /// <summary>Open leases over all objects.</summary>
    public int Leases => Objects.Sum(o => o.Leases ?? 0);

    /// <summary>The overlay backend's metadata images, mounted or not, with the objects each points at.</summary>
    public IReadOnlyList<MetadataImageInfo> MetadataImages { get; init; } = [];
}
