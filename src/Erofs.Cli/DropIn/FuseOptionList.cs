using Erofs.Cli.CommandLine;

namespace Erofs.Cli.DropIn;

/// <summary>
/// erofsfuse's <c>-o</c> lists as `erofs mount -o` takes them. libfuse and mount(8) options that our mount
/// always has (read-only, nosuid, nodev, allow_other, default_permissions) are dropped as already true; ours
/// pass through; any other is refused, never ignored.
/// </summary>
internal static class FuseOptionList
{
    private static readonly HashSet<string> AlwaysTrue = ["ro", "allow_other", "default_permissions", "nosuid", "nodev"];

    private static readonly HashSet<string> Ours =
        ["device", "passthrough", "inode_share", "domain_id", "store", "fingerprint", "trust_fingerprints", "lease_linger", "backend"];

    /// <summary>
    /// The items of <paramref name="lists"/> our mount takes, in order. erofsfuse is the FUSE daemon, so with
    /// <c>inode_share</c> the FUSE backend is asked for (and another backend refused).
    /// </summary>
    public static List<string> Translate(IEnumerable<string> lists)
    {
        var items = new List<string>();
        foreach (string item in lists.SelectMany(l => l.Split(',')).Where(i => i.Length > 0))
        {
            string key = item.Split('=', 2)[0];
            if (AlwaysTrue.Contains(key))
                continue;
            if (key == "rw")
                throw new CommandLineException("-o rw: an EROFS image mounts read-only");
            if (key == "backend" && item != "backend=fuse")
                throw new CommandLineException($"-o {item}: erofsfuse is the FUSE backend (use erofs mount for another)");
            if (!Ours.Contains(key))
                throw new NotSupportedYetException($"-o {item}");
            items.Add(item);
        }
        if (items.Contains("inode_share") && !items.Contains("backend=fuse"))
            items.Add("backend=fuse");
        return items;
    }
}
