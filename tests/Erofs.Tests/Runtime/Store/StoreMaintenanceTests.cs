using Erofs.Runtime.Store;

namespace Erofs.Tests.Runtime.Store;

/// <summary>What gc cleans besides objects: stale verification records, orphaned use records, quarantine; and what publishing leaves in tmp/.</summary>
public sealed class StoreMaintenanceTests
{
    private static readonly Fingerprint F = StoreScratch.FingerprintOf([1, 2, 3]);

    [Fact]
    public void GcDropsTheVerificationRecordsOfAnImageThatIsGoneOrChangedAndKeepsTheOthers()
    {
        using var scratch = new StoreScratch();
        string gone = scratch.File("gone.erofs"), changed = scratch.File("changed.erofs"), kept = scratch.File("kept.erofs");
        foreach (string image in new[] { gone, changed, kept })
            File.WriteAllBytes(image, [1]);
        var identities = new[] { gone, changed, kept }.Select(image =>
        {
            var identity = ImageIdentity.Of(image);
            scratch.Store.NameImage(identity, image);
            scratch.Store.RecordVerified(identity, 7, F, matched: true);
            return identity;
        }).ToArray();
        File.Delete(gone);
        File.AppendAllText(changed, "x");

        var result = scratch.Store.Gc();

        Assert.Equal(2, result.VerificationLogsRemoved);
        using var fresh = new ObjectStore(scratch.Root, "test");
        Assert.Equal([VerificationState.Unknown, VerificationState.Unknown, VerificationState.Matched], identities.Select(id => fresh.CheckVerified(id, 7, F)));
        Assert.Equal(0, scratch.Store.Gc().VerificationLogsRemoved);
    }

    [Fact]
    public void GcRemovesUseRecordsWithoutAnObjectAndEmptiesTheQuarantine()
    {
        using var scratch = new StoreScratch();
        var live = scratch.Publish(StoreScratch.Content(5000, 1));
        string domain = Path.Combine(scratch.Root, "test");
        Directory.CreateDirectory(Path.Combine(domain, "used", "ff"));
        File.WriteAllBytes(Path.Combine(domain, "used", "ff", new string('e', 62)), []);
        File.WriteAllBytes(Path.Combine(domain, "quarantine", "bad-object"), [9]);
        Directory.CreateDirectory(Path.Combine(domain, "quarantine", "planted-dir", "inner"));
        File.WriteAllBytes(Path.Combine(domain, "quarantine", "planted-dir", "inner", "x"), [9]);
        scratch.Store.TryLease(live)!.Dispose(); // records the object's use

        var result = scratch.Store.Gc(maxBytes: long.MaxValue);

        Assert.Equal((1, 2, 0), (result.UseRecordsRemoved, result.QuarantinedRemoved, result.Removed));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(domain, "quarantine")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(domain, "used", "ff")));
        Assert.True(File.Exists(Path.Combine(domain, "used", live.Hex[..2], live.Hex[2..])), "the live object's use record stays");
    }

    [Fact]
    public void PublishingNamesNothingInTmpAndLinksTheObjectOnFlush()
    {
        using var scratch = new StoreScratch();
        byte[] content = StoreScratch.Content(4000, 2);
        var fingerprint = StoreScratch.FingerprintOf(content);

        Assert.Equal(PublishOutcome.Published, scratch.Store.Publish(new MemoryStream(content), fingerprint).Outcome);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(scratch.Root, "test", "tmp")));
        using (var early = scratch.Store.TryLease(fingerprint))
        {
            // Leased before its batch is linked: the written file itself.
            Assert.NotNull(early);
            Assert.Equal(content, ReadAll(early));
        }
        scratch.Store.Flush();

        var stat = new FileInfo(scratch.Store.ObjectPath(fingerprint));
        Assert.Equal(content.Length, stat.Length);
        Assert.Equal((UnixFileMode)0x124, stat.UnixFileMode);
        Assert.Equal((UnixFileMode)0x1C0, new DirectoryInfo(Path.Combine(scratch.Root, "test", "tmp")).UnixFileMode);
    }

    private static byte[] ReadAll(ObjectLease lease)
    {
        var buffer = new byte[lease.Length];
        Assert.Equal(buffer.Length, RandomAccess.Read(lease.Handle, buffer, 0));
        return buffer;
    }

    [Fact]
    public async Task AFifoUnderAnObjectsNameIsQuarantinedWithoutWaitingForAWriter()
    {
        using var scratch = new StoreScratch();
        byte[] content = StoreScratch.Content(3000, 3);
        var fingerprint = scratch.Publish(content);
        string path = scratch.Store.ObjectPath(fingerprint);
        File.Delete(path);
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path]))
            mkfifo.WaitForExit();

        // A hang guard only: a blocking open would wait for a writer forever.
        var lease = await Task.Run(() => scratch.Store.TryLease(fingerprint, content.Length)).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Null(lease);
        Assert.False(File.Exists(path));
        Assert.Single(Directory.EnumerateFileSystemEntries(Path.Combine(scratch.Root, "test", "quarantine")));
    }
}
