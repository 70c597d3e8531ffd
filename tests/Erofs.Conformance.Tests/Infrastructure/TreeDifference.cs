namespace Erofs.Conformance.Tests.Infrastructure;

/// <summary>One difference between an expected and an actual tree.</summary>
/// <param name="Path">Tree path (<c>/</c> is the root).</param>
/// <param name="Property">What differs: <c>presence</c>, <c>type</c>, <c>mode</c>, ..., or <c>xattr:NAME</c>.</param>
/// <param name="Expected">The expected value, formatted.</param>
/// <param name="Actual">The actual value, formatted.</param>
public sealed record TreeDifference(string Path, string Property, string Expected, string Actual)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Path}: {Property}: expected {Expected}, actual {Actual}";
}
