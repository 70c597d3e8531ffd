namespace Erofs.Conformance.Tests.Mount;

/// <summary>
/// The store's path rules: every ancestor of STORE, STORE, STORE/D and each directory below it must belong
/// to root (the daemon's user) and not be writable by group or others, except a sticky ancestor or a
/// sticky STORE (whose next component must then be root's). A mount that breaks them is refused with one
/// line naming the directory and its owner's uid, and mounts nothing; layouts that keep them mount.
/// </summary>
public sealed class StoreAttackPathRuleTests
{
    private const int Mode0755 = 0x1ED, Mode0775 = 0x1FD, Mode0777 = 0x1FF, Mode1777 = 0x3FF, Mode0770 = 0x1F8, Mode0700 = 0x1C0;

    public static TheoryData<string> BrokenLayouts =>
    [
        "ancestor owned by nobody",
        "ancestor writable by others",
        "ancestor writable by group",
        "sticky ancestor above a directory of nobody",
        "store owned by nobody",
        "store writable by group",
        "domain owned by nobody",
        "domain sticky and writable by all",
        "objects owned by nobody",
        "objects writable by group",
        "tmp sticky and writable by all",
        "used owned by nobody",
        "verified writable by others",
        "quarantine owned by nobody",
    ];

    [Theory]
    [MemberData(nameof(BrokenLayouts))]
    public void AMountThroughABrokenLayoutIsRefusedNamingTheDirectoryAndItsOwner(string layout)
    {
        using var scratch = new AttackScratch();
        var content = SharingScratch.Random(40_000, 1);
        string image = scratch.BuildImage("img", new Dictionary<string, byte[]> { ["/f"] = content });
        var (store, offending, owner) = Break(scratch, layout);

        using var mount = store.Mount(image);

        mount.AssertRefused(offending, owner);
    }

    public static TheoryData<string> SoundLayouts =>
    [
        "sticky ancestor above root's directories",
        "sticky store holding root's domain",
    ];

    [Theory]
    [MemberData(nameof(SoundLayouts))]
    public void AStickyDirectoryWhoseNextComponentIsRootsIsAccepted(string layout)
    {
        using var scratch = new AttackScratch();
        var content = SharingScratch.Random(40_000, 2);
        string image = scratch.BuildImage("img", new Dictionary<string, byte[]> { ["/f"] = content });
        StoreLayout store;
        if (layout == "sticky ancestor above root's directories")
        {
            scratch.Directory("shared", Mode1777);
            store = StoreLayout.StoreOnly(scratch, "shared/store");
        }
        else
        {
            store = StoreLayout.StoreOnly(scratch, "store");
            scratch.Directory("store", Mode1777);
        }

        using (var mount = store.Mount(image).AssertMounted())
            Assert.Equal(content, File.ReadAllBytes(mount.Resolve("/f")));

        StoreInspection.AssertGoodObject(store.ObjectPath(content), content);
    }

    // Lays out a store broken in exactly one place: (the store, the offending directory, its owner).
    private static (StoreLayout Store, string Offending, uint Owner) Break(AttackScratch scratch, string layout)
    {
        switch (layout)
        {
            case "ancestor owned by nobody":
                return (StoreLayout.Complete(scratch, "x/store"), scratch.Directory("x", Mode0755, Nobody.Uid), Nobody.Uid);
            case "ancestor writable by others":
                return (StoreLayout.Complete(scratch, "x/store"), scratch.Directory("x", Mode0777), 0);
            case "ancestor writable by group":
                return (StoreLayout.Complete(scratch, "x/store"), scratch.Directory("x", Mode0775), 0);
            case "sticky ancestor above a directory of nobody":
                scratch.Directory("s", Mode1777);
                return (StoreLayout.Complete(scratch, "s/y/store"), scratch.Directory("s/y", Mode0755, Nobody.Uid), Nobody.Uid);
            case "store owned by nobody":
                return (StoreLayout.Complete(scratch), scratch.Directory("store", Mode0755, Nobody.Uid), Nobody.Uid);
            case "store writable by group":
                return (StoreLayout.Complete(scratch), scratch.Directory("store", Mode0775), 0);
            case "domain owned by nobody":
                return (StoreLayout.Complete(scratch), scratch.Directory("store/d", Mode0700, Nobody.Uid), Nobody.Uid);
            case "domain sticky and writable by all":
                return (StoreLayout.Complete(scratch), scratch.Directory("store/d", Mode1777), 0);
            case "objects owned by nobody":
                return (StoreLayout.Complete(scratch), scratch.Directory("store/d/objects", Mode0700, Nobody.Uid), Nobody.Uid);
            case "objects writable by group":
                return (StoreLayout.Complete(scratch), scratch.Directory("store/d/objects", Mode0770), 0);
            case "tmp sticky and writable by all":
                return (StoreLayout.Complete(scratch), scratch.Directory("store/d/tmp", Mode1777), 0);
            case "used owned by nobody":
                return (StoreLayout.Complete(scratch), scratch.Directory("store/d/used", Mode0700, Nobody.Uid), Nobody.Uid);
            case "verified writable by others":
                return (StoreLayout.Complete(scratch), scratch.Directory("store/d/verified", Mode0777), 0);
            case "quarantine owned by nobody":
                return (StoreLayout.Complete(scratch), scratch.Directory("store/d/quarantine", Mode0700, Nobody.Uid), Nobody.Uid);
            default:
                throw new ArgumentException($"unknown layout '{layout}'", nameof(layout));
        }
    }
}
