namespace Erofs.Tests;

/// <summary>
/// The reference corpus beside the repository (<c>../shared/corpus/erofs-utils-1.9.3</c> from the
/// directory holding erofs.slnx). Missing is a failure, never a skip.
/// </summary>
internal static class TestCorpus
{
    private const string RelativeDirectory = "../shared/corpus/erofs-utils-1.9.3";
    private static readonly Lazy<string> LazyRepository = new(FindRepository);
    private static readonly Lazy<string> LazyDirectory = new(FindCorpus);

    /// <summary>The repository root.</summary>
    public static string Repository => LazyRepository.Value;

    /// <summary>The corpus directory.</summary>
    public static string Directory => LazyDirectory.Value;

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "erofs.slnx")))
                return dir.FullName;
        }
        throw new DirectoryNotFoundException($"no directory above {AppContext.BaseDirectory} holds erofs.slnx");
    }

    private static string FindCorpus()
    {
        string corpus = Path.GetFullPath(Path.Combine(Repository, RelativeDirectory));
        if (!File.Exists(Path.Combine(corpus, "INDEX.txt")))
            throw new DirectoryNotFoundException($"reference corpus not found at {corpus} ({RelativeDirectory} from the repository root {Repository})");
        return corpus;
    }
}
