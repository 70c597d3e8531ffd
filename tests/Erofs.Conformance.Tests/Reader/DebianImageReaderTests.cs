using Erofs.Checking;
using Erofs.Conformance.Tests.Infrastructure;
using Erofs.Conformance.Tests.InfrastructureTests;
using Erofs.Extracting;
using Erofs.Reading;

namespace Erofs.Conformance.Tests.Reader;

/// <summary>
/// Images built by Debian's mkfs.erofs 1.5 from a generated tree read, check and extract exactly as
/// the source tree is, and Debian's fsck.erofs agrees with ours on them.
/// </summary>
public sealed class DebianImageReaderTests(ErofsUtils15TreeFixture fixture) : IClassFixture<ErofsUtils15TreeFixture>
{
    public static TheoryData<string> OptionSets => new()
    {
        "",
        "--chunksize=4096",
        "--chunksize=65536",
        "-x1 -Enoinline_data",
        "-Eforce-inode-extended",
        "-x-1",
        "-zlz4",
        "-zlz4hc",
        "-zlz4hc,12 -Eztailpacking",
        "-zlz4 -Elegacy-compress",
        "-zlz4hc -C65536",
        "-zlz4hc -C262144 -Eztailpacking",
    };

    [Theory]
    [MemberData(nameof(OptionSets))]
    public void ReaderSeesTheSourceTree(string options)
    {
        string image = Build(options);
        using var erofs = ErofsImage.Open(image);
        var ignore = options.Contains("-x-1", StringComparison.Ordinal) ? TreeProperties.Xattrs : TreeProperties.None;
        var differences = TreeComparer.Compare(fixture.Snapshot, ImageSnapshot.Capture(erofs), new TreeCompareOptions { Ignore = ignore });
        TreeComparer.AssertNoDifferences(differences, $"mkfs.erofs {options}");
    }

    [Theory]
    [MemberData(nameof(OptionSets))]
    public void BothFscksAcceptAndExtractionMatchesTheSource(string options)
    {
        string image = Build(options);
        Assert.True(ErofsUtils.Fsck(image).Succeeded);
        using var erofs = ErofsImage.Open(image);
        Assert.Empty(new ImageChecker(erofs, new CheckOptions { ReadAllData = true }).Check());
        string target = fixture.Scratch.Combine("extract" + Suffix(options));
        var result = new Extractor(erofs).ExtractTo(target);
        Assert.True(result.Succeeded, string.Join('\n', result.Failures));
        var ignore = options.Contains("-x-1", StringComparison.Ordinal) ? TreeProperties.Xattrs : TreeProperties.None;
        TreeComparer.AssertNoDifferences(TreeComparer.Compare(fixture.Snapshot, TreeSnapshot.Capture(target),
            new TreeCompareOptions { Ignore = ignore, IgnoreRootAttributes = true }), $"extract of mkfs.erofs {options}");
        TempDir.DeleteTree(target);
    }

    private string Build(string options)
    {
        ErofsUtils.Require();
        string image = fixture.Scratch.Combine("image" + Suffix(options) + ".erofs");
        if (!File.Exists(image))
            ErofsUtils.Mkfs(image, fixture.Tree.Root, [.. options.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--quiet", "-U5eed0000-0000-4000-8000-000000000015"]);
        return image;
    }

    private static string Suffix(string options) => options.Replace(' ', '_').Replace('=', '_').Replace(',', '_');
}
