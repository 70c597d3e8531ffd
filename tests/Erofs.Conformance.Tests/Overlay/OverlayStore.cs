using System.Globalization;
using System.Text.RegularExpressions;
using Erofs.Conformance.Tests.Cli;

namespace Erofs.Conformance.Tests.Overlay;

/// <summary>
/// A store as the overlay backend tests see it: the <c>-o</c> options of a mount sharing in one of its
/// domains, what <c>erofs store stats</c> says of a domain (its metadata images, mounted or not, and
/// what they pin; its mismatch count), and which files its directories hold.
/// </summary>
internal static partial class OverlayStore
{
    /// <summary>One metadata image as <c>store stats</c> lists it.</summary>
    public sealed record MetadataImageLine(string Name, bool Mounted, int Objects);

    /// <summary>What <c>store stats STORE --domain=D</c> said.</summary>
    public sealed record DomainStats(string Text, int Objects, long Mismatches, IReadOnlyList<MetadataImageLine> MetadataImages);

    /// <summary><c>inode_share,backend=BACKEND,domain_id=D,store=STORE[,EXTRA…]</c>.</summary>
    public static string Options(string store, string domain, string backend = "overlay", params string[] extra) =>
        string.Join(',', [$"inode_share,backend={backend},domain_id={domain},store={store}", .. extra]);

    /// <summary>Runs <c>erofs store stats STORE --domain=D</c> (it must succeed) and reads what it says.</summary>
    public static DomainStats Stats(string store, string domain)
    {
        string text = ErofsCli.Run("store", "stats", store, "--domain=" + domain).EnsureSuccess().StdOut;
        var header = Header().Match(text);
        Assert.True(header.Success, $"no domain line in:\n{text}");
        var images = ImageLine().Matches(text)
            .Select(m => new MetadataImageLine(m.Groups["name"].Value, m.Groups["state"].Value == "mounted", int.Parse(m.Groups["count"].Value, CultureInfo.InvariantCulture)))
            .ToList();
        foreach (var image in images)
            Assert.True(image.Mounted == text.Contains($"{image.Name}  mounted  pins ", StringComparison.Ordinal), $"'pins' goes with 'mounted':\n{text}");
        return new(text, int.Parse(header.Groups["objects"].Value, CultureInfo.InvariantCulture),
            long.Parse(header.Groups["mismatches"].Value, CultureInfo.InvariantCulture), images);
    }

    /// <summary>Paths of every object file of the domain.</summary>
    public static List<string> ObjectFiles(string store, string domain)
    {
        string objects = Path.Combine(store, domain, "objects");
        return Directory.Exists(objects) ? [.. Directory.EnumerateFiles(objects, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)] : [];
    }

    /// <summary>Names in <c>STORE/D/SUB</c> (none when it does not exist).</summary>
    public static List<string> Names(string store, string domain, string sub)
    {
        string dir = Path.Combine(store, domain, sub);
        return Directory.Exists(dir) ? [.. Directory.EnumerateFileSystemEntries(dir).Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal)] : [];
    }

    /// <summary>What one overlay mount said it did, from its <c>--log</c> line.</summary>
    /// <param name="Found">The metadata image was in the store already: nothing was published.</param>
    public sealed record MountWork(bool Found, int Files, int Hashed, int Published, int Mismatches);

    /// <summary>
    /// The work line of the one overlay mount that logged to <paramref name="log"/> (<c>… IMAGE on MNT: overlay
    /// backend, sharing in domain D: …</c>); fails unless there is exactly one, for <paramref name="image"/>.
    /// </summary>
    public static MountWork LoggedWork(string log, string image)
    {
        var lines = File.ReadAllLines(log).Where(l => l.Contains(": overlay backend, sharing in domain ", StringComparison.Ordinal)).ToList();
        Assert.True(lines.Count == 1, $"{log}: expected one overlay mount line, found {lines.Count}:\n{File.ReadAllText(log)}");
        Assert.Contains($" {Path.GetFullPath(image)} on ", lines[0], StringComparison.Ordinal);
        var m = WorkLine().Match(lines[0]);
        Assert.True(m.Success, $"unexpected overlay mount line: {lines[0]}");
        if (m.Groups["found"].Success)
            return new(true, 0, 0, 0, 0);
        int N(string name) => int.Parse(m.Groups[name].Value, CultureInfo.InvariantCulture);
        return new(false, N("files"), N("hashed"), N("published"), N("mismatches"));
    }

    [GeneratedRegex(@": overlay backend, sharing in domain \S+: (?:(?<found>metadata image found in the store, nothing published)|(?<files>\d+) files, (?<hashed>\d+) hashed \(\d+ bytes\), (?<published>\d+) objects published, (?<mismatches>\d+) mismatches)$")]
    private static partial Regex WorkLine();

    [GeneratedRegex(@"^domain \S+: (?<objects>\d+) objects, .* (?<mismatches>\d+) mismatched files$", RegexOptions.Multiline)]
    private static partial Regex Header();

    [GeneratedRegex(@"^  metadata image (?<name>\S+)  (?<state>mounted|not mounted)  (?:pins|points at) (?<count>\d+) objects$", RegexOptions.Multiline)]
    private static partial Regex ImageLine();
}
