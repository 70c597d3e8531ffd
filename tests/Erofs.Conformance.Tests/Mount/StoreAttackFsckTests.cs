using System.Text.RegularExpressions;
using Erofs.Conformance.Tests.Cli;

namespace Erofs.Conformance.Tests.Mount;

/// <summary>
/// The documented remaining hole: an object with the right name, size, owner and mode but wrong bytes is
/// served until <c>erofs store fsck STORE --domain=D</c> (rehashes every object) finds it. fsck moves it to
/// quarantine, says how many it found and exits 1; the next mount serves the image's bytes. On a healthy
/// store it exits 0 and moves nothing.
/// </summary>
public sealed class StoreAttackFsckTests
{
    [Fact]
    public void FsckQuarantinesAnObjectWhoseBytesDoNotMatchItsNameAndTheNextMountServesTheImage()
    {
        using var scratch = new AttackScratch();
        var (store, image, files) = PublishedStore(scratch);
        var (bad, good) = (files["/bad"], files["/good"]);
        string badObject = store.ObjectPath(bad), goodObject = store.ObjectPath(good);
        var goodIdentity = StoreInspection.Identity(goodObject);
        // Same inode, owner, mode and size; other bytes.
        using (var handle = File.OpenHandle(badObject, FileMode.Open, FileAccess.Write))
            RandomAccess.Write(handle, AttackScratch.Impostor(bad), 0);
        var badIdentity = StoreInspection.Identity(badObject);

        var fsck = ErofsCli.Run("store", "fsck", store.Store, "--domain=" + StoreLayout.Domain);

        string said = fsck.StdOut + fsck.StdErr;
        Assert.True(fsck.ExitCode == 1, $"fsck of a store with one bad object exited {fsck.ExitCode}: {said}");
        Assert.True(Regex.IsMatch(said, @"(?<![\w./-])1(?![\w./-])"), $"fsck does not give the count 1: {said}");
        Assert.True(StoreInspection.IdentitiesUnder(store.InDomain("quarantine")).Contains(badIdentity),
            $"the bad object was not moved to quarantine (it holds: {StoreInspection.Listing(store.InDomain("quarantine"))})");
        StoreInspection.AssertGoodObjectOrAbsent(badObject, bad);
        Assert.Equal(goodIdentity, StoreInspection.Identity(goodObject));
        StoreInspection.AssertGoodObject(goodObject, good);

        using var mount = store.Mount(image).AssertMounted();
        Assert.Equal(bad, File.ReadAllBytes(mount.Resolve("/bad")));
        Assert.Equal(good, File.ReadAllBytes(mount.Resolve("/good")));
    }

    [Fact]
    public void FsckOfAHealthyStoreExitsZeroAndMovesNothing()
    {
        using var scratch = new AttackScratch();
        var (store, _, files) = PublishedStore(scratch);
        var before = files.Values.Select(c => StoreInspection.Identity(store.ObjectPath(c))).ToList();

        var fsck = ErofsCli.Run("store", "fsck", store.Store, "--domain=" + StoreLayout.Domain);

        Assert.True(fsck.ExitCode == 0, $"fsck of a healthy store exited {fsck.ExitCode}: {fsck.StdOut}{fsck.StdErr}");
        Assert.Equal(before, files.Values.Select(c => StoreInspection.Identity(store.ObjectPath(c))).ToList());
        foreach (var content in files.Values)
            StoreInspection.AssertGoodObject(store.ObjectPath(content), content);
        Assert.Empty(StoreInspection.IdentitiesUnder(store.InDomain("quarantine")));
    }

    // A store whose objects were published (and verified) by one mount that read every file, now unmounted.
    private static (StoreLayout Store, string Image, Dictionary<string, byte[]> Files) PublishedStore(AttackScratch scratch)
    {
        var files = new Dictionary<string, byte[]>
        {
            ["/bad"] = SharingScratch.Random(300_000, 40),
            ["/good"] = SharingScratch.Random(120_000, 41),
        };
        string image = scratch.BuildImage("img", files);
        var store = StoreLayout.StoreOnly(scratch);
        using (var mount = store.Mount(image).AssertMounted())
        {
            foreach (var (path, content) in files)
                Assert.Equal(content, File.ReadAllBytes(mount.Resolve(path)));
        }
        foreach (var content in files.Values)
            StoreInspection.AssertGoodObject(store.ObjectPath(content), content);
        return (store, image, files);
    }
}
