namespace Erofs.Fuse;

/// <summary>
/// The answer to a lookup (or one READDIRPLUS entry): the node id the kernel will use for the name
/// and its attributes, with how long the kernel may cache each. A <see cref="NodeId"/> of 0 is a
/// negative entry: the name does not exist, and the kernel may remember that for <see cref="EntryTimeout"/>.
/// </summary>
/// <param name="NodeId">The node id; 1 is the root; 0 means "no such name".</param>
/// <param name="Attributes">Attributes of the node.</param>
/// <param name="EntryTimeout">How long the name may stay cached.</param>
/// <param name="AttributeTimeout">How long the attributes may stay cached.</param>
/// <param name="Generation">Generation of the node id (node id and generation must be unique for the file system's life).</param>
public readonly record struct FuseEntry(ulong NodeId, FuseAttributes Attributes, TimeSpan EntryTimeout, TimeSpan AttributeTimeout, ulong Generation = 0)
{
    /// <summary>A negative entry: the name is absent, and the kernel may cache that for <paramref name="timeout"/>.</summary>
    public static FuseEntry Negative(TimeSpan timeout) => new(0, default, timeout, TimeSpan.Zero);
}
