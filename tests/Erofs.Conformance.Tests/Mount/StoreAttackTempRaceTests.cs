using System.Collections.Concurrent;
using System.Security.Cryptography;
using Erofs.Conformance.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Erofs.Conformance.Tests.Mount;

/// <summary>
/// Publication's temp files are nobody's business: <c>STORE/d/tmp</c> is root's and closed to everyone
/// else (0700), and while the first read of a 64 MiB file publishes its object, nobody, looping for real,
/// can neither list, create, write nor replace anything there; the object that ends up published is root's,
/// mode 0444, with the file's bytes, and the reader got them too.
/// </summary>
public sealed class StoreAttackTempRaceTests(ITestOutputHelper output)
{
    // Tries, until $2/stop exists, to write or replace every entry of $1 and to create files and symlinks
    // in it; prints a line for each success, then the number of rounds.
    private const string Racer = """
        tmp="$1"; own="$2"; n=0; seen=0
        echo started
        while [ ! -e "$own/stop" ]; do
          n=$((n+1))
          for f in "$tmp"/* "$tmp"/.[!.]*; do
            [ -e "$f" ] || [ -L "$f" ] || continue
            seen=$((seen+1))
            if (: > "$f") 2>/dev/null; then echo "wrote $f"; fi
            cp "$own/evil" "$own/evil.new" 2>/dev/null
            if mv -f "$own/evil.new" "$f" 2>/dev/null; then echo "replaced $f"; fi
          done
          if (: > "$tmp/planted.$n") 2>/dev/null; then echo "created $tmp/planted.$n"; fi
          if ln -s "$own/evil" "$tmp/link.$n" 2>/dev/null; then echo "created $tmp/link.$n"; fi
        done
        echo "rounds $n, tmp entries seen $seen"
        """;

    [Fact]
    public void NobodyRacingInTmpWhileABigObjectIsPublishedGetsNothingIn()
    {
        using var scratch = new AttackScratch();
        var big = SharingScratch.Random(64 << 20, 50);
        string image = scratch.BuildImage("img", new Dictionary<string, byte[]> { ["/big"] = big });
        var store = StoreLayout.StoreOnly(scratch);
        scratch.Directory("store/d", 0x1ED); // 0755: allowed, and lets nobody reach tmp's name
        string own = scratch.Directory("nobody", 0x1ED, Nobody.Uid);
        AttackScratch.Plant(Path.Combine(own, "evil"), AttackScratch.Impostor(big[..4096]), 0x1A4, Nobody.Uid);
        var lines = new ConcurrentQueue<string>();
        using var started = new ManualResetEventSlim();

        using (var mount = store.Mount(image).AssertMounted())
        {
            using var racer = Nobody.Start(Racer, store.InDomain("tmp"), own);
            racer.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null)
                    return;
                lines.Enqueue(e.Data);
                if (e.Data == "started")
                    started.Set();
            };
            racer.ErrorDataReceived += (_, e) => { if (e.Data is not null) lines.Enqueue("stderr: " + e.Data); };
            racer.BeginOutputReadLine();
            racer.BeginErrorReadLine();
            try
            {
                Assert.True(started.Wait(Patience.Wait), "nobody's loop did not start: " + string.Join("\n", lines));
                Assert.Equal(SHA256.HashData(big), SharingScratch.HashOf(mount.Resolve("/big")));
            }
            finally
            {
                File.WriteAllText(Path.Combine(own, "stop"), "");
                if (!racer.WaitForExit(Patience.Wait))
                    racer.Kill(entireProcessTree: true);
                racer.WaitForExit();
            }
        }

        output.WriteLine(string.Join("\n", lines));
        string summary = Assert.Single(lines, l => l.StartsWith("rounds ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("wrote ", StringComparison.Ordinal) || l.StartsWith("replaced ", StringComparison.Ordinal) || l.StartsWith("created ", StringComparison.Ordinal));
        StoreInspection.AssertGoodObject(store.ObjectPath(big), big);
        Assert.Empty(StoreInspection.OwnedBy(store.Store, Nobody.Uid));
        Assert.True(summary.EndsWith(" seen 0", StringComparison.Ordinal), $"nobody could list STORE/d/tmp during the publication: {summary}");
    }

    [Fact]
    public void TheDomainsTempDirectoryIsRootsAndClosedToEveryoneElse()
    {
        using var scratch = new AttackScratch();
        var content = SharingScratch.Random(70_000, 51);
        string image = scratch.BuildImage("img", new Dictionary<string, byte[]> { ["/f"] = content });
        var store = StoreLayout.StoreOnly(scratch);

        using (var mount = store.Mount(image).AssertMounted())
            Assert.Equal(content, File.ReadAllBytes(mount.Resolve("/f")));

        var tmp = LibC.LStat(store.InDomain("tmp"));
        Assert.True((tmp.Mode & 0xF000) == 0x4000, "STORE/d/tmp is not a directory");
        Assert.True(tmp.Uid == 0 && (tmp.Mode & 0x3F) == 0, $"STORE/d/tmp is uid {tmp.Uid}, mode {StoreInspection.Octal(tmp.Mode)}: not root's 0700");
    }
}
