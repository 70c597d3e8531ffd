namespace Erofs.Conformance.Tests.Infrastructure;

/// <summary>
/// Locates the repository root and the shared reference corpus. The corpus lives outside the
/// repository, at <c>../shared/corpus/erofs-utils-1.9.3</c> relative to the repository root.
/// Every accessor throws (never skips) when something is missing.
/// </summary>
public static class RepoPaths
{
    /// <summary>The file that marks the repository root.</summary>
    public const string SolutionFileName = "erofs.slnx";

    /// <summary>The corpus location relative to the repository root.</summary>
    public const string CorpusRelativePath = "../shared/corpus/erofs-utils-1.9.3";

    private static readonly Lazy<string> LazyRoot = new(FindRoot);
    private static readonly Lazy<string> LazyCorpus = new(FindCorpus);

    /// <summary>Absolute path of the repository root (the directory holding erofs.slnx).</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>Absolute path of the reference corpus directory; throws if it is missing.</summary>
    public static string CorpusDir => LazyCorpus.Value;

    /// <summary>Absolute path of a file inside the corpus; throws if the file does not exist.</summary>
    public static string CorpusFile(string name)
    {
        var path = Path.Combine(CorpusDir, name);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"Corpus file '{name}' not found in {CorpusDir}. The corpus at {CorpusRelativePath} is incomplete.",
                path);
        }

        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFileName)))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException(
            $"Could not find the repository root: no directory above {AppContext.BaseDirectory} contains {SolutionFileName}.");
    }

    private static string FindCorpus()
    {
        var corpus = Path.GetFullPath(Path.Combine(Root, CorpusRelativePath));
        if (!Directory.Exists(corpus))
        {
            throw new DirectoryNotFoundException(
                $"The reference corpus is missing: expected {corpus} ({CorpusRelativePath} relative to the repository root {Root}). " +
                "The conformance tests need the shared corpus checked out beside the repository.");
        }

        if (!File.Exists(Path.Combine(corpus, CorpusImages.IndexFileName)))
        {
            throw new FileNotFoundException(
                $"The reference corpus at {corpus} has no {CorpusImages.IndexFileName}; it is incomplete.",
                Path.Combine(corpus, CorpusImages.IndexFileName));
        }

        return corpus;
    }
}
