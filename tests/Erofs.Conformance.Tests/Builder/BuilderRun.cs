namespace Erofs.Conformance.Tests.Builder;

/// <summary>Small helpers shared by the builder tests.</summary>
internal static class BuilderRun
{
    public static string[] Split(string options) => options.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>A file-name-safe form of an option string.</summary>
    public static string Suffix(string options) =>
        "_" + string.Concat(options.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_'));
}
