using Erofs.Runtime.Store;

namespace Erofs.Runtime;

/// <summary>
/// The <c>-o</c> options of <c>erofs mount</c>, in the kernel's spelling where it has one
/// (<c>device=</c>, <c>inode_share</c>, <c>domain_id=</c>) plus ours.
/// </summary>
public sealed record ErofsMountOptions
{
    /// <summary>The store used when <c>store=</c> is not given.</summary>
    public const string DefaultStore = "/var/cache/erofs";

    /// <summary>The <see cref="LeaseLinger"/> used when <c>lease_linger=</c> is not given.</summary>
    public static readonly TimeSpan DefaultLeaseLinger = TimeSpan.FromSeconds(10);

    /// <summary>Longest <see cref="LeaseLinger"/> accepted.</summary>
    public static readonly TimeSpan MaxLeaseLinger = TimeSpan.FromHours(1);

    /// <summary>Extra devices (blobs) in device-table order.</summary>
    public IReadOnlyList<string> Devices { get; init; } = [];

    /// <summary>Whether to negotiate FUSE passthrough.</summary>
    public PassthroughMode Passthrough { get; init; } = PassthroughMode.Auto;

    /// <summary>Share file data with other mounts of the domain (needs <see cref="DomainId"/>).</summary>
    public bool InodeShare { get; init; }

    /// <summary>
    /// The sharing domain, checked when set (see <see cref="DomainName.Validate"/>): a tenant's name can be passed
    /// here as it is, with none of the comma splitting of an <c>-o</c> string.
    /// </summary>
    /// <exception cref="ArgumentException">The name is invalid.</exception>
    public string? DomainId
    {
        get;
        init => field = value is null ? null : DomainName.Validate(value);
    }

    /// <summary>The object store directory (<see cref="DefaultStore"/> when null).</summary>
    public string? Store { get; init; }

    /// <summary>Where fingerprints come from.</summary>
    public FingerprintSource? Fingerprint { get; init; }

    /// <summary>Link files to objects without hashing them first.</summary>
    public bool TrustFingerprints { get; init; }

    /// <summary>
    /// How long an object's lease and backing id outlive the last open file using it (null:
    /// <see cref="DefaultLeaseLinger"/>), so a file reopened meanwhile costs no store work; zero ends them at
    /// the last release.
    /// </summary>
    public TimeSpan? LeaseLinger { get; init; }

    /// <summary>What serves a sharing mount (meaningful with <see cref="InodeShare"/> only).</summary>
    public MountBackend Backend { get; init; }

    /// <summary>True when <c>backend=</c> was given.</summary>
    public bool BackendGiven { get; init; }

    /// <summary>The first option given that only the FUSE daemon understands (<c>passthrough</c>, <c>lease_linger</c>), or null.</summary>
    public string? DaemonOption { get; init; }

    /// <summary>
    /// Where the image starts in its file, in bytes (erofsfuse's <c>--offset</c>); not an <c>-o</c> option, as the
    /// kernel has none. Served by the FUSE daemon, without sharing (`erofs mount` refuses it with <c>inode_share</c>).
    /// </summary>
    public long ImageOffset
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "the image offset cannot be negative");
    }

    /// <summary>Caps on what the image's untrusted fields can make the daemon read, decompress and walk.</summary>
    public Reading.ReadLimits Limits { get; init; } = Reading.ReadLimits.Default;

    /// <summary>True when any sharing option is set.</summary>
    public bool UsesSharing => InodeShare || DomainId is not null || Store is not null || Fingerprint is not null || TrustFingerprints || LeaseLinger is not null;

    /// <summary>
    /// Parses the values of every <c>-o</c> (each a comma-separated list). <c>ro</c> is accepted
    /// and changes nothing (the mount is always read-only).
    /// </summary>
    /// <exception cref="ArgumentException">An option is unknown, lacks or has an unwanted value, or a value is invalid.</exception>
    public static ErofsMountOptions Parse(IEnumerable<string> optionLists)
    {
        var options = new ErofsMountOptions();
        var devices = new List<string>();
        foreach (string item in optionLists.SelectMany(list => list.Split(',')))
        {
            if (item.Length == 0)
                continue;
            int eq = item.IndexOf('=', StringComparison.Ordinal);
            string key = eq < 0 ? item : item[..eq];
            string? value = eq < 0 ? null : item[(eq + 1)..];
            options = Apply(options, key, value, devices);
        }
        options = options with { Devices = devices };
        if (options.InodeShare && options.DomainId is null)
            throw new ArgumentException("mount option 'inode_share' needs 'domain_id=NAME'");
        if (!options.InodeShare && options.UsesSharing)
            throw new ArgumentException($"mount option '{FirstSharingOption(options)}' needs 'inode_share'");
        if (!options.InodeShare && options.BackendGiven)
            throw new ArgumentException("mount option 'backend' needs 'inode_share' (a mount without sharing is always served by FUSE)");
        if (options.Backend == MountBackend.Overlay && options.DaemonOption is { } daemonOption)
            throw new ArgumentException($"mount option '{daemonOption}' is for the FUSE daemon: it cannot be used with 'backend=overlay'");
        return options;
    }

    private static string FirstSharingOption(ErofsMountOptions o) =>
        o.DomainId is not null ? "domain_id" : o.Store is not null ? "store" : o.Fingerprint is not null ? "fingerprint"
        : o.TrustFingerprints ? "trust_fingerprints" : "lease_linger";

    private static ErofsMountOptions Apply(ErofsMountOptions o, string key, string? value, List<string> devices)
    {
        switch (key)
        {
            case "ro":
                NoValue(key, value);
                return o;
            case "device":
                devices.Add(Required(key, value));
                return o;
            case "passthrough":
                return o with { Passthrough = Choice(key, value, ["auto", "off"]) == "auto" ? PassthroughMode.Auto : PassthroughMode.Off, DaemonOption = o.DaemonOption ?? key };
            case "backend":
                return o with { Backend = Choice(key, value, ["auto", "fuse", "overlay"]) switch { "fuse" => MountBackend.Fuse, "overlay" => MountBackend.Overlay, _ => MountBackend.Auto }, BackendGiven = true };
            case "inode_share":
                NoValue(key, value);
                return o with { InodeShare = true };
            case "domain_id":
                return o with { DomainId = DomainName.Validate(Required(key, value)) };
            case "store":
                return o with { Store = Required(key, value) };
            case "fingerprint":
                return o with { Fingerprint = Choice(key, value, ["image", "local"]) == "image" ? FingerprintSource.Image : FingerprintSource.Local };
            case "trust_fingerprints":
                NoValue(key, value);
                return o with { TrustFingerprints = true };
            case "lease_linger":
                return o with { LeaseLinger = Seconds(key, Required(key, value), MaxLeaseLinger), DaemonOption = o.DaemonOption ?? key };
            default:
                throw new ArgumentException($"unknown mount option '{key}'");
        }
    }


    private static TimeSpan Seconds(string key, string value, TimeSpan max) =>
        uint.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out uint seconds) && seconds <= max.TotalSeconds
            ? TimeSpan.FromSeconds(seconds)
            : throw new ArgumentException($"mount option '{key}={value}': expected whole seconds from 0 to {max.TotalSeconds}");

    private static string Required(string key, string? value) =>
        string.IsNullOrEmpty(value) ? throw new ArgumentException($"mount option '{key}' needs a value ({key}=...)") : value;

    private static void NoValue(string key, string? value)
    {
        if (value is not null)
            throw new ArgumentException($"mount option '{key}' takes no value");
    }

    private static string Choice(string key, string? value, string[] allowed) =>
        allowed.Contains(Required(key, value)) ? value! : throw new ArgumentException($"mount option '{key}={value}': expected {string.Join(" or ", allowed)}");
}
