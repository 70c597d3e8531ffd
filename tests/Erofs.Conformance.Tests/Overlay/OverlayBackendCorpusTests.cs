using Erofs.Conformance.Tests.Infrastructure;

namespace Erofs.Conformance.Tests.Overlay;

/// <summary>
/// Every reference image mounted by the real <c>erofs mount -o inode_share,backend=overlay</c> (its blob as
/// <c>device=</c>) shows what the kernel showed of the image itself (its manifest): names, types, modes,
/// owners, sizes, nanosecond mtimes, xattrs, symlink targets, device numbers, link counts and contents.
/// All images share one store and domain, as images on one machine would.
/// </summary>
public sealed class OverlayBackendCorpusTests(OverlayBackendCorpusTests.SharedStore store) : IClassFixture<OverlayBackendCorpusTests.SharedStore>
{
    public static TheoryData<string> AllImages => CorpusImages.Names();

    [Theory]
    [MemberData(nameof(AllImages))]
    public void TheOverlayBackendShowsWhatTheKernelShowedOfTheImage(string name)
    {
        KernelMount.RequireSupport();
        var corpus = CorpusImages.Get(name);
        string options = OverlayStore.Options(store.Path, "corpus", "overlay", [.. corpus.ExtraDevices.Select(d => "device=" + d)]);

        using var mount = BackendMount.Overlay(corpus.ImagePath, options);

        var differences = TreeComparer.CompareToManifest(corpus.LoadManifest(), mount.MountPoint);
        TreeComparer.AssertNoDifferences(differences, $"{name} through erofs mount -o backend=overlay");
    }

    /// <summary>The store every image of the class publishes into; removed after the last one.</summary>
    public sealed class SharedStore : IDisposable
    {
        private readonly TempDir _dir = TempDir.Create("ovl-corpus");

        public string Path => _dir.Combine("store");

        public void Dispose() => _dir.Dispose();
    }
}
