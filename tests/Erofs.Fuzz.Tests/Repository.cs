namespace Erofs.Fuzz.Tests;

/// <summary>Paths in the checkout these tests run from.</summary>
internal static class Repository
{
    /// <summary>The directory holding erofs.slnx, found upwards from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    public static string SeedsOf(string target) => Path.Combine(Root, "fuzz", "seeds", target);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "erofs.slnx")))
                return dir.FullName;
        }
        throw new DirectoryNotFoundException($"no erofs.slnx above {AppContext.BaseDirectory}");
    }
}
