using System.Globalization;
using Erofs.Cli.CommandLine;
using Erofs.Fuse;
using Erofs.Mounting;
using Erofs.Runtime;
using Erofs.Runtime.Overlay;

namespace Erofs.Cli.Commands;

/// <summary>
/// `erofs umount [--timeout=SECONDS] MOUNTPOINT`: unmount what `erofs mount` mounted. A FUSE mount, also
/// one whose daemon is gone: return once the daemon has exited (so its log is complete), or after the
/// timeout when open files keep a lazily detached mount, and so its daemon, alive. An overlay of the
/// overlay backend (<see cref="OverlayMounter.IsOurs"/>): no daemon, so nothing to wait for.
/// </summary>
internal sealed class UmountCommand : ICommand
{
    private const string OurType = "fuse.erofs";

    // Long enough for a daemon on a busy machine to release its leases and log its counters; short
    // enough that a script unmounting something still in use is not held up for long.
    private const uint DefaultTimeoutSeconds = 10;

    private const uint MaxTimeoutSeconds = 86400;

    public string Name => "umount";
    public string Usage => "[--timeout=SECONDS] MOUNTPOINT";
    public string Summary => "unmount an image mounted by 'erofs mount' (also a dead one); for a FUSE mount, wait for its daemon to exit";

    public OptionTable Options { get; } = new([
        new(null, "timeout", ArgumentKind.Required,
            $"wait at most SECONDS for a FUSE mount's daemon to exit (default {DefaultTimeoutSeconds}; 0: do not wait)", "SECONDS"),
        ImageArguments.Help,
    ]);

    public int Run(ParseResult args, CommandContext context)
    {
        string mountPoint = Path.GetFullPath(ImageArguments.Positional(args, 0, "MOUNTPOINT"));
        ImageArguments.NoMorePositionals(args, 1);
        uint timeoutSeconds = TimeoutSeconds(args.Value("timeout"));
        var entry = MountTable.Find(mountPoint) ?? throw new IOException($"{mountPoint}: nothing is mounted there");
        if (OverlayMounter.IsOurs(entry))
            return UnmountOverlay(mountPoint, context);
        if (entry.FileSystemType != OurType)
            throw new IOException($"{mountPoint}: is a {entry.FileSystemType} mount, not one of 'erofs mount' ({OurType})");
        // Found before unmounting: once its connection ends, a daemon closes /dev/fuse before it logs its counters.
        var daemons = FuseDaemons.Find(entry.DeviceMinor).Select(ProcessExitWatch.Open).OfType<ProcessExitWatch>().ToList();
        try
        {
            bool detached = FuseMounts.Unmount(mountPoint);
            long deadline = Environment.TickCount64 + timeoutSeconds * 1000L;
            var running = daemons
                .Where(d => !d.WaitForExit(TimeSpan.FromMilliseconds(Math.Max(0, deadline - Environment.TickCount64))))
                .Select(d => d.Pid).ToList();
            if (running.Count > 0)
                context.Error.WriteLine(StillRunning(mountPoint, detached, running, timeoutSeconds));
            return 0;
        }
        finally
        {
            foreach (var daemon in daemons)
                daemon.Dispose();
        }
    }

    // The overlay backend has no daemon: unmounting is all there is.
    private static int UnmountOverlay(string mountPoint, CommandContext context)
    {
        if (Mounter.Unmount(mountPoint))
            context.Error.WriteLine($"erofs umount: {mountPoint}: detached, but still in use by some process, so the mount goes on until the last file on it closes");
        return 0;
    }

    private static uint TimeoutSeconds(string? value)
    {
        if (value is null)
            return DefaultTimeoutSeconds;
        return uint.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out uint seconds) && seconds <= MaxTimeoutSeconds
            ? seconds
            : throw new CommandLineException($"--timeout={value}: expected whole seconds from 0 to {MaxTimeoutSeconds}");
    }

    private static string StillRunning(string mountPoint, bool detached, List<int> pids, uint timeoutSeconds)
    {
        string daemon = $"its daemon ({(pids.Count == 1 ? "pid" : "pids")} {string.Join(", ", pids)})";
        return detached
            ? $"erofs umount: {mountPoint}: detached, but still in use by some process, so {daemon} goes on until the last file on it closes"
            : $"erofs umount: {mountPoint}: unmounted, but {daemon} has not exited within {timeoutSeconds} s";
    }
}
