namespace Erofs.Conformance.Tests.Mount;

/// <summary>
/// A store below a directory nobody owns (<c>x</c>, mode 0755, nobody's): nobody can rename <c>x/store</c>
/// away and put its own <c>store/d/objects/ab/cdef…</c> there. The mount must be refused naming <c>x</c>;
/// if it were accepted, nobody does exactly that after the mount and readers must still get their image's bytes.
/// </summary>
public sealed class StoreAttackMovedStoreTests
{
    [Fact]
    public void AStoreBelowNobodysDirectoryIsRefusedAndSwappingItUnderAMountServesNothingOfNobodys()
    {
        using var scratch = new AttackScratch();
        var files = new Dictionary<string, byte[]>
        {
            ["/a"] = SharingScratch.Random(50_000, 20),
            ["/lib/b"] = SharingScratch.Random(3 << 20, 21),
        };
        string image = scratch.BuildImage("img", files);
        string x = scratch.Directory("x", 0x1ED, Nobody.Uid);
        var store = StoreLayout.Complete(scratch, "x/store");
        // What nobody will plant: each file's object name with other bytes of the same length.
        var plants = files.Values.Select((content, i) =>
            (Source: AttackScratch.Plant(scratch.Combine($"impostor{i}"), AttackScratch.Impostor(content), 0x1A4), Hex: AttackScratch.Hex(content))).ToList();

        using var mount = store.Mount(image);
        if (!mount.Mounted)
        {
            mount.AssertRefused(x, Nobody.Uid);
            return;
        }

        // Accepted: nobody swaps the store under the live mount before anything is opened.
        string script = "cd \"$1\" && mv store store.old && mkdir -p store/d/tmp store/d/used store/d/verified store/d/quarantine && shift"
            + " && while [ $# -gt 0 ]; do mkdir -p \"store/d/objects/$2\" && cp \"$1\" \"store/d/objects/$2/$3\" && chmod 444 \"store/d/objects/$2/$3\"; shift 3; done";
        var attack = Nobody.Run(script, [x, .. plants.SelectMany(p => new[] { p.Source, p.Hex[..2], p.Hex[2..] })]);
        Assert.True(attack.Succeeded, $"nobody's swap failed, so the test proves nothing: {attack.StdErr}");

        foreach (var (path, content) in files)
        {
            byte[] read = File.ReadAllBytes(mount.Resolve(path));
            Assert.True(read.AsSpan().SequenceEqual(content),
                $"{path}: the reader got {(read.AsSpan().SequenceEqual(AttackScratch.Impostor(content)) ? "nobody's planted bytes" : "wrong bytes")} after nobody swapped the store");
        }
    }
}
