namespace Erofs.Conformance.Tests.Infrastructure;

/// <summary>A device number (<c>rdev</c>) split into major and minor.</summary>
public readonly record struct DeviceNumber(uint Major, uint Minor)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Major}:{Minor}";
}
