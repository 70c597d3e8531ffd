using Erofs.Conformance.Tests.Infrastructure;

namespace Erofs.Conformance.Tests.InfrastructureTests;

public sealed class RepoPathsTests
{
    [Fact]
    public void RootHoldsTheSolution()
    {
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, RepoPaths.SolutionFileName)));
    }

    [Fact]
    public void CorpusIsBesideTheRepository()
    {
        var expected = Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "corpus", "erofs-utils-1.9.3"));
        Assert.Equal(expected, RepoPaths.CorpusDir);
        Assert.True(File.Exists(RepoPaths.CorpusFile("plain.erofs")));
    }

    [Fact]
    public void MissingCorpusFileThrowsClearly()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => RepoPaths.CorpusFile("no-such-image.erofs"));
        Assert.Contains("no-such-image.erofs", ex.Message, StringComparison.Ordinal);
    }
}
