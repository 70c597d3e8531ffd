namespace Erofs.Building.Tar;

/// <summary>Compares names by their bytes (directory lookups while the tree is built).</summary>
internal sealed class ByteArrayComparer : IEqualityComparer<byte[]>
{
    /// <summary>The shared, stateless instance.</summary>
    public static readonly ByteArrayComparer Instance = new();

    /// <inheritdoc/>
    public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

    /// <inheritdoc/>
    public int GetHashCode(byte[] obj)
    {
        var hash = new HashCode();
        hash.AddBytes(obj);
        return hash.ToHashCode();
    }
}
