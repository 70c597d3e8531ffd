using System.Globalization;
using Erofs.Cli.CommandLine;
using Erofs.Runtime;
using Erofs.Runtime.Overlay;
using Erofs.Runtime.Store;

namespace Erofs.Cli.Commands;

/// <summary>
/// `erofs store gc|stats|fsck STORE [--domain=D] [--max-size=SIZE]`: maintenance of the sharing object store;
/// `erofs store add STORE --domain=D [--device=BLOB]... IMAGE`: the overlay backend's first-mount work ahead of time.
/// </summary>
internal sealed class StoreCommand : ICommand
{
    public string Name => "store";
    public string Usage => "gc|stats|fsck STORE [--domain=D] [--max-size=SIZE] | add STORE --domain=D [--device=BLOB]... IMAGE";
    public string Summary => "object store maintenance: gc removes unused objects, stats shows use and page cache, fsck rehashes every object, add publishes an image for the overlay backend";

    public OptionTable Options { get; } = new([
        new(null, "domain", ArgumentKind.Required, "only this domain (default: every domain in STORE)", "D"),
        new(null, "max-size", ArgumentKind.Required, "gc: keep at most SIZE bytes per domain (K, M, G, T suffixes; default: remove every unused object)", "SIZE"),
        ImageArguments.Device,
        new(null, "trust-fingerprints", ArgumentKind.None, "add: take a fingerprint whose object exists without hashing the file (as -o trust_fingerprints)"),
        ImageArguments.Help,
    ]);

    public int Run(ParseResult args, CommandContext context)
    {
        string action = ImageArguments.Positional(args, 0, "action (gc, stats, fsck or add)");
        string store = ImageArguments.Positional(args, 1, "STORE");
        if (action == "add")
            return Add(store, args, context);
        ImageArguments.NoMorePositionals(args, 2);
        if (action is not ("gc" or "stats" or "fsck"))
            throw new CommandLineException($"unknown action '{action}': expected gc, stats, fsck or add");
        if (args.Has("device") || args.Has("trust-fingerprints"))
            throw new CommandLineException("--device and --trust-fingerprints apply to 'store add' only");
        long? maxSize = args.Value("max-size") is { } size ? SizeArgument.Parse(size) : null;
        if (action != "gc" && maxSize is not null)
            throw new CommandLineException("--max-size applies to 'store gc' only");
        var domains = Domains(store, args.Value("domain"), context.Output.WriteLine);
        if (domains.Count == 0)
            context.Output.WriteLine($"{store}: no domains");
        int quarantined = 0;
        foreach (var domain in domains)
        {
            using (domain)
            {
                if (action == "gc")
                    WriteGc(domain, domain.Gc(maxSize), context.Output);
                else if (action == "stats")
                    WriteStats(domain.Stats(), context.Output);
                else
                    quarantined += WriteFsck(domain.Fsck(), context.Output);
            }
        }
        // fsck: 1 when it found bad objects, as fsck does for a damaged image.
        return quarantined == 0 ? 0 : 1;
    }

    // Publishes every file of IMAGE and builds its metadata image, as a first overlay mount would.
    private static int Add(string store, ParseResult args, CommandContext context)
    {
        string image = Path.GetFullPath(ImageArguments.Positional(args, 2, "IMAGE"));
        ImageArguments.NoMorePositionals(args, 3);
        if (args.Value("max-size") is not null)
            throw new CommandLineException("--max-size applies to 'store gc' only");
        string domain = ValidDomain(args.Value("domain") ?? throw new CommandLineException("store add needs --domain=D"));
        var options = new ErofsMountOptions
        {
            InodeShare = true,
            DomainId = domain,
            Store = store,
            TrustFingerprints = args.Has("trust-fingerprints"),
            Devices = args.Values("device"),
        };
        using var progress = new PublishProgress(context);
        PreparedOverlay prepared;
        prepared = OverlayBackend.Prepare(image, options, message => context.Error.WriteLine($"erofs store add: {message}"), progress.Report);
        using (prepared)
        {
            string work = prepared.Published is not { } p ? "already in the store, nothing published"
                : string.Create(CultureInfo.InvariantCulture, $"{p.Objects.Count} files, {p.Hashed} hashed ({p.HashedBytes} bytes), {p.Published} objects published, {p.Mismatches} mismatches");
            context.Output.WriteLine($"domain {domain}: {image}: {work}; metadata image {prepared.MetadataImageName}");
        }
        return 0;
    }

    private static List<ObjectStore> Domains(string store, string? domain, Action<string> log)
    {
        if (!Directory.Exists(store))
            throw new IOException($"{store}: no such store directory");
        if (domain is not null)
        {
            string name = ValidDomain(domain);
            return Path.Exists(Path.Combine(store, name)) ? [new ObjectStore(store, name, create: false, log)] : throw new IOException($"{store}: no domain '{name}'");
        }
        // Each domain is opened by descriptor and checked (a symlink or a foreign directory fails): nothing is created.
        return [.. Directory.EnumerateDirectories(store).Select(Path.GetFileName).OfType<string>()
            .Where(IsDomainName).Order(StringComparer.Ordinal).Select(name => new ObjectStore(store, name, create: false, log))];
    }

    private static string ValidDomain(string name)
    {
        try
        {
            return DomainName.Validate(name);
        }
        catch (ArgumentException e)
        {
            throw new CommandLineException(e.Message);
        }
    }

    private static bool IsDomainName(string name) => DomainName.IsValid(name);

    private static void WriteGc(ObjectStore domain, GcResult r, TextWriter output) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"domain {domain.Domain}: removed {r.Removed} objects ({r.RemovedBytes} bytes), kept {r.Kept} ({r.KeptBytes} bytes), {r.InUse} in use, {r.TempFilesRemoved} abandoned temp files removed, {r.QuarantinedRemoved} quarantined removed, {r.UseRecordsRemoved} orphaned use records, {r.VerificationLogsRemoved} stale verification records and {r.MetadataImagesRemoved} metadata images removed"));

    private static int WriteFsck(FsckResult r, TextWriter output)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"domain {r.Domain}: {r.Good} objects good ({r.BytesHashed} bytes hashed), {r.Quarantined} quarantined"));
        return r.Quarantined;
    }

    private static void WriteStats(StoreStats stats, TextWriter output)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"domain {stats.Domain}: {stats.Objects.Count} objects, {stats.Bytes} bytes, {stats.ResidentBytes} bytes in page cache, {stats.Leases} leases, {stats.Mismatches} mismatched files"));
        foreach (var o in stats.Objects)
        {
            string resident = o.ResidentBytes?.ToString(CultureInfo.InvariantCulture) ?? "-";
            string leases = o.Leases?.ToString(CultureInfo.InvariantCulture) ?? "-";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {o.Fingerprint.Hex}  size {o.Size}  cached {resident}  leases {leases}  last-use {o.LastUse:yyyy-MM-ddTHH:mm:ssZ}"));
        }
        foreach (var m in stats.MetadataImages)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  metadata image {m.Name}  {(m.Mounted ? "mounted" : "not mounted")}  {(m.Mounted ? "pins" : "points at")} {m.Objects.Count} objects"));
        }
    }
}
