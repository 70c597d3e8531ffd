using Erofs.Checking;
using Erofs.Conformance.Tests.Infrastructure;
using Erofs.Reading;

namespace Erofs.Conformance.Tests.Reader;

/// <summary>
/// A real tree (the .NET runtime this machine runs: ~100 MB of assemblies and native libraries)
/// compressed by Debian's mkfs.erofs with LZ4HC and big pclusters reads back exactly.
/// </summary>
public sealed class RealTreeTests
{
    private const string Source = "/usr/share/dotnet/shared";

    [Theory]
    [InlineData("-zlz4hc -C65536")]
    [InlineData("-zlz4 -Eztailpacking")]
    public void DotnetRuntimeReadsBackExactly(string options)
    {
        ErofsUtils.Require();
        Assert.True(Directory.Exists(Source), $"{Source} is missing: the .NET SDK is part of this machine");
        using var dir = TempDir.Create("real-tree");
        string image = dir.Combine("dotnet.erofs");
        ErofsUtils.Mkfs(image, Source, [.. options.Split(' '), "--quiet"]);
        using var erofs = ErofsImage.Open(image);
        Assert.Empty(new ImageChecker(erofs, new CheckOptions { ReadAllData = true }).Check());
        var expected = TreeSnapshot.Capture(Source);
        var differences = TreeComparer.Compare(expected, ImageSnapshot.Capture(erofs), new TreeCompareOptions { IgnoreRootAttributes = true });
        TreeComparer.AssertNoDifferences(differences, $"mkfs.erofs {options} {Source}");
    }
}
