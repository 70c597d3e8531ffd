using System.Globalization;
using System.Text.RegularExpressions;
using Erofs.Conformance.Tests.Cli;
using Erofs.Conformance.Tests.Infrastructure;
using Microsoft.Win32.SafeHandles;

namespace Erofs.Conformance.Tests.Mount;

/// <summary>
/// A descriptor shortage is transient: a daemon started under <c>prlimit --nofile=96:96</c> (the daemon is
/// re-executed by <c>erofs mount</c> and inherits it) gets more shared files opened at once than it can hold
/// objects for. Every open still reads the image's bytes (the ones it cannot share are served privately
/// and the error is logged); once they are closed, reading every file again shares each one: its object
/// exists and is leased while the file is open. Only a content mismatch would keep a file private.
/// </summary>
public sealed partial class StoreAttackDescriptorShortageTests
{
    private const int Limit = 96, FileCount = 120, Batch = 10, Rounds = 10;

    [Fact]
    public void FilesServedPrivatelyDuringADescriptorShortageAreSharedOnceItEnds()
    {
        using var scratch = new AttackScratch();
        var files = Enumerable.Range(0, FileCount).ToDictionary(i => $"/d{i % 4}/f{i}", i => SharingScratch.Random(6000 + 37 * i, 1000 + i));
        string image = scratch.BuildImage("img", files);
        var store = StoreLayout.StoreOnly(scratch);
        string log = scratch.NewLog();
        string[] prlimit = ["prlimit", $"--nofile={Limit}:{Limit}"];

        // lease_linger=0: no idle leases eat the small limit, and a lease in `store stats` means a file open now.
        using var mount = MountAttempt.Share(image, store.Store, StoreLayout.Domain, log, ["lease_linger=0"], prlimit).AssertMounted();
        string limits = File.ReadAllText($"/proc/{mount.DaemonPid!.Value.ToString(CultureInfo.InvariantCulture)}/limits");
        Assert.Matches($@"Max open files\s+{Limit}\s+{Limit}\s", limits);

        // Every file open at once: more than the daemon can hold objects for.
        var open = new List<SafeFileHandle>();
        try
        {
            foreach (var (path, content) in files)
            {
                var handle = Open(mount.Resolve(path), "while every file is open");
                open.Add(handle);
                AssertContent(handle, path, content, "while every file is open");
            }
        }
        finally
        {
            open.ForEach(h => h.Dispose());
        }
        string logText = File.ReadAllText(log);
        Assert.True(logText.Contains("Too many open files", StringComparison.Ordinal) || logText.Contains("EMFILE", StringComparison.Ordinal),
            $"the daemon logged no descriptor shortage with {FileCount} files open under a limit of {Limit}, so this test exercised nothing; log:\n{logText}");

        // Read everything again, a batch open at a time, until each file is seen shared (its object leased while it is open).
        var pending = files.Keys.ToList();
        for (int round = 0; pending.Count > 0; round++)
        {
            Assert.True(round < Rounds, $"after {Rounds} rounds these files are still not shared: {string.Join(", ", pending.Take(10))} ({pending.Count} in all)\nlog:\n{File.ReadAllText(log)}");
            if (round > 0)
                Thread.Sleep(500);
            pending = [.. pending.Chunk(Batch).SelectMany(batch => NotShared(batch, files, mount, store))];
        }
    }

    // Opens the batch, reads each file, and returns those whose object is not listed with a lease by `erofs store stats`.
    private static List<string> NotShared(string[] batch, Dictionary<string, byte[]> files, MountAttempt mount, StoreLayout store)
    {
        var open = new List<SafeFileHandle>();
        try
        {
            foreach (string path in batch)
            {
                var handle = Open(mount.Resolve(path), "after the shortage");
                open.Add(handle);
                AssertContent(handle, path, files[path], "after the shortage");
            }
            string stats = ErofsCli.Run("store", "stats", store.Store, "--domain=" + StoreLayout.Domain).EnsureSuccess().StdOut;
            return [.. batch.Where(path => LeasesOf(stats, AttackScratch.Hex(files[path])) < 1)];
        }
        finally
        {
            open.ForEach(h => h.Dispose());
        }
    }

    // The lease count `erofs store stats` gives for the object `hex` ("  HEX  size N  cached N  leases N  last-use …"), 0 when not listed.
    private static int LeasesOf(string stats, string hex)
    {
        var line = stats.Split('\n').FirstOrDefault(l => l.TrimStart().StartsWith(hex, StringComparison.Ordinal));
        if (line is null)
            return 0;
        var m = LeasesField().Match(line);
        Assert.True(m.Success, $"no lease count in the stats line: {line}");
        return int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"\bleases (\d+)")]
    private static partial Regex LeasesField();

    private static SafeFileHandle Open(string path, string when)
    {
        try
        {
            return File.OpenHandle(path);
        }
        catch (IOException e)
        {
            throw new Xunit.Sdk.XunitException($"cannot open {path} {when}: {e.Message}");
        }
    }

    private static void AssertContent(SafeFileHandle handle, string path, byte[] content, string when)
    {
        var buffer = new byte[content.Length + 1];
        int done = 0, n;
        try
        {
            while ((n = RandomAccess.Read(handle, buffer.AsSpan(done), done)) > 0)
                done += n;
        }
        catch (IOException e)
        {
            Assert.Fail($"{path} {when}: {e.Message}");
        }
        Assert.True(done == content.Length && buffer.AsSpan(0, done).SequenceEqual(content), $"{path} {when}: read {done} bytes, not the image's {content.Length}");
    }
}
