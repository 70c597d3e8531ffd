namespace Erofs.Conformance.Tests.Mount;

/// <summary>
/// Existing objects are checked (fstat) before they are served: a file named like an object that is
/// truncated, nobody's, mode 0666, a symlink to other bytes, or a directory is never read through the
/// mount (readers get their image's bytes) and is moved to <c>STORE/d/quarantine/</c>; what then sits at
/// the object path, if anything, is a good object. Planted in a fresh store (first use hashes and finds
/// the name taken) and in place of an object already published and verified (nothing is hashed again).
/// </summary>
public sealed class StoreAttackPlantedObjectTests
{
    public static TheoryData<string, bool> Plants
    {
        get
        {
            var data = new TheoryData<string, bool>();
            foreach (string kind in new[] { "truncated", "owned by nobody", "mode 0666", "symlink to other bytes", "directory" })
            {
                data.Add(kind, false);
                data.Add(kind, true);
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Plants))]
    public void APlantedObjectIsNeverServedAndIsQuarantined(string kind, bool replacingAPublishedObject)
    {
        using var scratch = new AttackScratch();
        var victim = SharingScratch.Random(200_000, 30);
        var other = SharingScratch.Random(100_000, 31);
        string image = scratch.BuildImage("img", new Dictionary<string, byte[]> { ["/victim"] = victim, ["/other"] = other });
        var store = StoreLayout.StoreOnly(scratch);
        // A correctly set-up store, made by the mount itself; with objects published and verified when replacing.
        using (var first = store.Mount(image).AssertMounted())
        {
            if (replacingAPublishedObject)
            {
                Assert.Equal(victim, File.ReadAllBytes(first.Resolve("/victim")));
                Assert.Equal(other, File.ReadAllBytes(first.Resolve("/other")));
            }
        }
        string objectPath = store.ObjectPath(victim);
        if (replacingAPublishedObject)
            File.Delete(objectPath);
        store.FanOut(victim);
        var planted = Plant(scratch, kind, objectPath, victim);

        using (var mount = store.Mount(image).AssertMounted())
        {
            AssertReads(mount.Resolve("/victim"), victim, kind);
            AssertReads(mount.Resolve("/other"), other, kind);
        }

        StoreInspection.AssertGoodObjectOrAbsent(objectPath, victim);
        string quarantine = store.InDomain("quarantine");
        Assert.True(StoreInspection.IdentitiesUnder(quarantine).Contains(planted),
            $"the planted {kind} was not moved to {quarantine} (it holds: {StoreInspection.Listing(quarantine)})");
        StoreInspection.AssertGoodObjectOrAbsent(store.ObjectPath(other), other);
    }

    // Plants the bad object for `kind` at `path` and returns its (device, inode).
    private static (uint, uint, ulong) Plant(AttackScratch scratch, string kind, string path, byte[] content)
    {
        switch (kind)
        {
            case "truncated":
                AttackScratch.Plant(path, content[..(content.Length / 2)]);
                break;
            case "owned by nobody":
                AttackScratch.Plant(path, AttackScratch.Impostor(content), AttackScratch.ObjectMode, Nobody.Uid);
                break;
            case "mode 0666":
                AttackScratch.Plant(path, AttackScratch.Impostor(content), 0x1B6);
                break;
            case "symlink to other bytes":
                File.CreateSymbolicLink(path, AttackScratch.Plant(scratch.Combine("elsewhere"), AttackScratch.Impostor(content)));
                break;
            case "directory":
                Directory.CreateDirectory(path);
                break;
            default:
                throw new ArgumentException($"unknown plant '{kind}'", nameof(kind));
        }
        return StoreInspection.Identity(path);
    }

    private static void AssertReads(string path, byte[] content, string kind)
    {
        byte[] read;
        try
        {
            read = File.ReadAllBytes(path);
        }
        catch (IOException e)
        {
            Assert.Fail($"{path} with a planted {kind} in the store: {e.Message}");
            return;
        }
        Assert.True(read.AsSpan().SequenceEqual(content),
            $"{path} with a planted {kind} in the store read {read.Length} bytes, {(read.AsSpan().SequenceEqual(AttackScratch.Impostor(content)) ? "the planted ones" : "not the image's")}");
    }
}
