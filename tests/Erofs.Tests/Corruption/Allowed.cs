namespace Erofs.Tests.Corruption;

/// <summary>The rule under test: only these exception types may leave the library for a bad image.</summary>
internal static class Allowed
{
    /// <summary>Content errors, valid-looking but unsupported features, and I/O errors of the file itself.</summary>
    public static bool IsAllowed(Exception e) => e is ErofsContentException or NotSupportedException or IOException;
}
