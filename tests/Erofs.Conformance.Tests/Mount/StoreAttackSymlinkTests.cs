using Erofs.Conformance.Tests.Cli;

namespace Erofs.Conformance.Tests.Mount;

/// <summary>
/// Symlinks at or below STORE/D. In a sticky store (mode 1777, like /tmp) nobody makes STORE/D a symlink
/// to a root-owned directory: mount, gc and stats refuse it with one line and create nothing through it.
/// A careless root's symlinks inside the domain: tmp, used, verified, quarantine are refused (even to a
/// directory of root's); objects, and a fan-out directory only touched at first use, are refused or the
/// file is served from its image, so a planted object (right name, wrong bytes) is never read; a fan-out
/// directory that is nobody's or writable by others likewise.
/// </summary>
public sealed class StoreAttackSymlinkTests
{
    private const int Mode1777 = 0x3FF, Mode0777 = 0x1FF;

    [Fact]
    public void NobodysDomainSymlinkInAStickyStoreIsRefused()
    {
        using var scratch = new AttackScratch();
        var content = SharingScratch.Random(30_000, 10);
        string image = scratch.BuildImage("img", new Dictionary<string, byte[]> { ["/f"] = content });
        var (store, domain, target) = StickyStoreWithNobodysDomainLink(scratch);

        using (var mount = store.Mount(image))
            mount.AssertRefused(domain);

        Assert.True(StoreInspection.Listing(target) == "", $"the mount created [{StoreInspection.Listing(target)}] in the symlink's target {target}");
    }

    [Theory]
    [InlineData("gc")]
    [InlineData("stats")]
    public void StoreMaintenanceOfASymlinkedDomainFailsAndCreatesNothingOutsideTheStore(string action)
    {
        using var scratch = new AttackScratch();
        var (store, domain, target) = StickyStoreWithNobodysDomainLink(scratch);

        var result = ErofsCli.Run("store", action, store.Store, "--domain=" + StoreLayout.Domain);

        Assert.True(result.ExitCode != 0,
            $"'store {action}' went through the symlinked domain (exit 0), leaving [{StoreInspection.Listing(target)}] in its target; it said: {result.StdOut}");
        ErofsCli.AssertOneLineError(result, store.Store);
        Assert.True(StoreInspection.Listing(target) == "", $"'store {action}' created [{StoreInspection.Listing(target)}] in the symlink's target {target}");
        Assert.True(StoreInspection.IsSymlink(domain), "the symlink was replaced");
    }

    [Fact]
    public void ObjectsSymlinkedToAWorldWritableDirectoryIsRefusedOrServesTheImage()
    {
        using var scratch = new AttackScratch();
        var content = SharingScratch.Random(30_000, 11);
        string image = scratch.BuildImage("img", new Dictionary<string, byte[]> { ["/f"] = content });
        var store = StoreLayout.Complete(scratch);
        Directory.Delete(store.InDomain("objects"));
        string evil = scratch.Directory("evil", Mode0777);
        string hex = AttackScratch.Hex(content);
        string fan = scratch.Directory(Path.Combine("evil", hex[..2]), Mode0777, Nobody.Uid);
        AttackScratch.Plant(Path.Combine(fan, hex[2..]), AttackScratch.Impostor(content), AttackScratch.ObjectMode, Nobody.Uid);
        string objects = scratch.Symlink("store/d/objects", evil);

        AssertRefusedOrServesTheImage(store, image, objects, content);
    }

    [Fact]
    public void TmpSymlinkedToAWorldWritableDirectoryIsRefused()
    {
        using var scratch = new AttackScratch();
        var content = SharingScratch.Random(30_000, 12);
        string image = scratch.BuildImage("img", new Dictionary<string, byte[]> { ["/f"] = content });
        var store = StoreLayout.Complete(scratch);
        Directory.Delete(store.InDomain("tmp"));
        string evil = scratch.Directory("evil", Mode0777);
        string tmp = scratch.Symlink("store/d/tmp", evil);

        using (var mount = store.Mount(image))
            mount.AssertRefused(tmp);

        Assert.True(StoreInspection.Listing(evil) == "", $"the mount wrote [{StoreInspection.Listing(evil)}] through the tmp symlink");
    }

    [Theory]
    [InlineData("used")]
    [InlineData("verified")]
    [InlineData("quarantine")]
    public void ADomainSubdirectorySymlinkedEvenToRootsOwnDirectoryIsRefused(string subdirectory)
    {
        using var scratch = new AttackScratch();
        var content = SharingScratch.Random(30_000, 15);
        string image = scratch.BuildImage("img", new Dictionary<string, byte[]> { ["/f"] = content });
        var store = StoreLayout.Complete(scratch);
        Directory.Delete(store.InDomain(subdirectory));
        string target = scratch.Directory("elsewhere", 0x1C0);
        string link = scratch.Symlink(Path.Combine("store/d", subdirectory), target);

        using (var mount = store.Mount(image))
            mount.AssertRefused(link);

        Assert.True(StoreInspection.Listing(target) == "", $"the mount wrote [{StoreInspection.Listing(target)}] through the {subdirectory} symlink");
    }

    [Fact]
    public void AFanOutDirectorySymlinkedToAWorldWritableDirectoryIsRefusedOrServesTheImage()
    {
        using var scratch = new AttackScratch();
        var content = SharingScratch.Random(30_000, 13);
        string image = scratch.BuildImage("img", new Dictionary<string, byte[]> { ["/f"] = content });
        var store = StoreLayout.Complete(scratch);
        string hex = AttackScratch.Hex(content);
        string evil = scratch.Directory("evil", Mode0777);
        AttackScratch.Plant(Path.Combine(evil, hex[2..]), AttackScratch.Impostor(content), AttackScratch.ObjectMode, Nobody.Uid);
        string fan = scratch.Symlink(Path.Combine("store/d/objects", hex[..2]), evil);

        AssertRefusedOrServesTheImage(store, image, fan, content);

        Assert.True(AttackScratch.Impostor(content).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(evil, hex[2..]))), "the planted file outside the store changed");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AFanOutDirectoryOthersCanWriteIsRefusedOrServesTheImage(bool ownedByNobody)
    {
        using var scratch = new AttackScratch();
        var content = SharingScratch.Random(30_000, 14);
        string image = scratch.BuildImage("img", new Dictionary<string, byte[]> { ["/f"] = content });
        var store = StoreLayout.Complete(scratch);
        string hex = AttackScratch.Hex(content);
        string fan = scratch.Directory(Path.Combine("store/d/objects", hex[..2]), ownedByNobody ? 0x1ED : Mode0777, ownedByNobody ? Nobody.Uid : 0);
        AttackScratch.Plant(Path.Combine(fan, hex[2..]), AttackScratch.Impostor(content), AttackScratch.ObjectMode, Nobody.Uid);

        AssertRefusedOrServesTheImage(store, image, fan, content);
    }

    // STORE is root's and sticky (1777); nobody, for real, makes STORE/d a symlink to a root-owned 0755 directory.
    private static (StoreLayout Store, string Domain, string Target) StickyStoreWithNobodysDomainLink(AttackScratch scratch)
    {
        var store = StoreLayout.StoreOnly(scratch);
        scratch.Directory("store", Mode1777);
        string target = scratch.Directory("target");
        string domain = store.DomainDirectory;
        Nobody.Run("ln -s \"$1\" \"$2\"", target, domain).EnsureSuccess();
        Assert.True(StoreInspection.IsSymlink(domain), "nobody could not make the symlink");
        return (store, domain, target);
    }

    // Either one line naming `path` and nothing mounted, or a mount whose reader gets the image's bytes.
    private static void AssertRefusedOrServesTheImage(StoreLayout store, string image, string path, byte[] content)
    {
        using var mount = store.Mount(image);
        if (!mount.Mounted)
        {
            mount.AssertRefused(path);
            return;
        }
        byte[] read = File.ReadAllBytes(mount.Resolve("/f"));
        Assert.True(read.AsSpan().SequenceEqual(content), $"the reader got {(read.AsSpan().SequenceEqual(AttackScratch.Impostor(content)) ? "the planted object's bytes" : "wrong bytes")} through '{path}'");
    }
}
