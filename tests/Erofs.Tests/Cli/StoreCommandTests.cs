using Erofs.Cli;
using Erofs.Cli.CommandLine;
using Erofs.Cli.Commands;
using Erofs.Runtime.Store;
using Erofs.Tests.Runtime.Store;

namespace Erofs.Tests.Cli;

/// <summary>`erofs store gc|stats`: output per domain, size limits, and one-line errors for bad arguments.</summary>
public sealed class StoreCommandTests
{
    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = new CommandDispatcher(CommandDispatcher.AllCommands()).Run(["store", .. args], new CommandContext(output, error, false));
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void StatsListsEveryDomainWithObjectsLeasesAndCache()
    {
        using var scratch = new StoreScratch("alpha");
        var fingerprint = scratch.Publish(StoreScratch.Content(4096, 1));
        _ = new ObjectStore(scratch.Root, "beta");
        using var lease = scratch.Store.TryLease(fingerprint)!;
        string image = scratch.File("image");
        File.WriteAllBytes(image, [1, 2, 3]);
        var identity = ImageIdentity.Of(image);
        scratch.Store.RecordVerified(identity, 40, fingerprint, matched: true);
        scratch.Store.RecordVerified(identity, 41, fingerprint, matched: false);
        scratch.Store.RecordVerified(identity, 42, fingerprint, matched: false);

        var (code, output, error) = Run("stats", scratch.Root);

        Assert.Equal(0, code);
        Assert.Equal("", error);
        string[] lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("domain alpha: 1 objects, 4096 bytes, 4096 bytes in page cache, 1 leases, 2 mismatched files", lines[0]);
        Assert.Matches($@"^  {fingerprint.Hex}  size 4096  cached 4096  leases 1  last-use \d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", lines[1]);
        Assert.Equal("domain beta: 0 objects, 0 bytes, 0 bytes in page cache, 0 leases, 0 mismatched files", lines[2]);
    }

    [Fact]
    public void GcHonoursDomainAndMaxSize()
    {
        using var scratch = new StoreScratch("alpha");
        var old = scratch.Publish(StoreScratch.Content(3000, 1));
        Thread.Sleep(20);
        var recent = scratch.Publish(StoreScratch.Content(3000, 2));
        using var other = new ObjectStore(scratch.Root, "beta");
        var otherObject = StoreScratch.FingerprintOf(StoreScratch.Content(10, 3));
        other.Publish(new MemoryStream(StoreScratch.Content(10, 3)), otherObject);
        other.Flush();

        var (code, output, error) = Run("gc", scratch.Root, "--domain=alpha", "--max-size=4K");

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Equal("domain alpha: removed 1 objects (3000 bytes), kept 1 (3000 bytes), 0 in use, 0 abandoned temp files removed, 0 quarantined removed, 0 orphaned use records, 0 stale verification records and 0 metadata images removed\n", output);
        Assert.False(scratch.Store.Contains(old));
        Assert.True(scratch.Store.Contains(recent));
        Assert.True(other.Contains(otherObject));
        Assert.Equal(0, Run("gc", scratch.Root).Code);
        Assert.False(other.Contains(otherObject));
    }

    [Theory]
    [InlineData(new string[0], "erofs store: missing action (gc, stats, fsck or add); see 'erofs store --help'", 2)]
    [InlineData(new[] { "gc" }, "erofs store: missing STORE; see 'erofs store --help'", 2)]
    [InlineData(new[] { "add", "/tmp", "image.erofs" }, "erofs store: store add needs --domain=D; see 'erofs store --help'", 2)]
    [InlineData(new[] { "gc", "/tmp", "--device=/x" }, "erofs store: --device and --trust-fingerprints apply to 'store add' only; see 'erofs store --help'", 2)]
    [InlineData(new[] { "scrub", "/tmp" }, "erofs store: unknown action 'scrub': expected gc, stats, fsck or add; see 'erofs store --help'", 2)]
    [InlineData(new[] { "gc", "/tmp", "extra" }, "erofs store: unexpected argument 'extra'; see 'erofs store --help'", 2)]
    [InlineData(new[] { "gc", "/tmp", "--max-size=lots" }, "erofs store: invalid size 'lots': use bytes or a number with K, M, G or T; see 'erofs store --help'", 2)]
    [InlineData(new[] { "gc", "/tmp", "--max-size=99999999999999T" }, "erofs store: invalid size '99999999999999T': use bytes or a number with K, M, G or T; see 'erofs store --help'", 2)]
    [InlineData(new[] { "stats", "/tmp", "--max-size=1" }, "erofs store: --max-size applies to 'store gc' only; see 'erofs store --help'", 2)]
    [InlineData(new[] { "stats", "/tmp", "--domain=.." }, "erofs store: domain_id '..' is invalid: '.' and '..' are not directory names; see 'erofs store --help'", 2)]
    [InlineData(new[] { "stats", "/nonexistent/store" }, "erofs store: /nonexistent/store: no such store directory", 1)]
    [InlineData(new[] { "gc", "/tmp", "--bogus" }, "erofs store: unrecognized option '--bogus'; see 'erofs store --help'", 2)]
    public void BadArgumentsGiveOneLineErrors(string[] args, string expected, int expectedCode)
    {
        var (code, output, error) = Run(args);
        Assert.Equal(expectedCode, code);
        Assert.Equal("", output);
        Assert.Equal(expected + "\n", error);
    }

    /// <summary>Every directory with a valid domain name is a domain, in byte order: the listing follows the kernel's wider rule.</summary>
    [Fact]
    public void StatsListsDomainsWithAnyValidName()
    {
        using var scratch = new StoreScratch("__test__");
        _ = new ObjectStore(scratch.Root, "tenant a:1");
        _ = new ObjectStore(scratch.Root, ".hidden");

        var (code, output, error) = Run("stats", scratch.Root);

        Assert.Equal((0, ""), (code, error));
        string[] lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("domain .hidden: 0 objects", lines[0]);
        Assert.StartsWith("domain __test__: 0 objects", lines[1]);
        Assert.StartsWith("domain tenant a:1: 0 objects", lines[2]);
        Assert.Equal(0, Run("stats", scratch.Root, "--domain=tenant a:1").Code);
    }

    [Fact]
    public void EmptyStoreSaysSo()
    {
        string root = Path.Combine(Path.GetTempPath(), "erofs-store-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        try
        {
            Assert.Equal((0, $"{root}: no domains\n", ""), Run("gc", root));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void MissingDomainIsAnErrorAndIsNotCreated()
    {
        using var scratch = new StoreScratch("alpha");
        var (code, _, error) = Run("stats", scratch.Root, "--domain=gamma");
        Assert.Equal(1, code);
        Assert.Equal($"erofs store: {scratch.Root}: no domain 'gamma'\n", error);
        Assert.False(Directory.Exists(Path.Combine(scratch.Root, "gamma")));
    }

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("512", 512L)]
    [InlineData("4k", 4096L)]
    [InlineData("3M", 3L << 20)]
    [InlineData("2G", 2L << 30)]
    [InlineData("1T", 1L << 40)]
    public void SizesTakeBinarySuffixes(string text, long expected) => Assert.Equal(expected, SizeArgument.Parse(text));
}
