using Erofs.Conformance.Tests.Infrastructure;
using Erofs.Conformance.Tests.Reader;
using Erofs.Extracting;

namespace Erofs.Conformance.Tests.Extracting;

/// <summary>
/// Extracting a reference image as root reproduces exactly what the kernel showed when it mounted
/// it: types, modes, owners, link counts, nanosecond mtimes, contents, targets, devices, xattrs, ACLs.
/// </summary>
public sealed class CorpusExtractionTests
{
    public static TheoryData<string> AllImages => CorpusImages.Names();

    [Theory]
    [MemberData(nameof(AllImages))]
    public void ExtractionMatchesTheKernelManifest(string name)
    {
        var corpus = CorpusImages.Get(name);
        using var dir = TempDir.Create("extract-" + name);
        string target = dir.Combine("tree");
        using (var image = CorpusReaderTests.Open(corpus))
        {
            var result = new Extractor(image).ExtractTo(target);
            Assert.True(result.Succeeded, string.Join('\n', result.Failures));
            Assert.Empty(result.Warnings);
        }
        var differences = TreeComparer.CompareToManifest(corpus.LoadManifest(), target);
        TreeComparer.AssertNoDifferences(differences, name);
    }

    [Fact]
    public void OverwriteReplacesFilesAndSymlinksWithoutFollowingThem()
    {
        var corpus = CorpusImages.Get("plain");
        using var dir = TempDir.Create("overwrite");
        string target = dir.Combine("tree");
        string outside = dir.Combine("outside.txt");
        File.WriteAllText(outside, "untouched");
        Directory.CreateDirectory(target);
        // A planted symlink where the image has a regular file must be replaced, not written through.
        File.CreateSymbolicLink(System.IO.Path.Combine(target, "hard"), dir.Path);
        File.CreateSymbolicLink(System.IO.Path.Combine(target, "abs_link"), outside);
        using var image = CorpusReaderTests.Open(corpus);
        var result = new Extractor(image, new ExtractOptions { Overwrite = true }).ExtractTo(target);
        Assert.True(result.Succeeded, string.Join('\n', result.Failures));
        Assert.Equal("untouched", File.ReadAllText(outside));
        TreeComparer.AssertNoDifferences(TreeComparer.CompareToManifest(corpus.LoadManifest(), target), "overwrite");
    }
}
