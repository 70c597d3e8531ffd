using System.Globalization;
using Erofs.Cli.CommandLine;
using Erofs.Runtime;
using Erofs.Runtime.Overlay;

namespace Erofs.Cli.Commands;

/// <summary>
/// `erofs mount [-f] [-o OPTIONS] IMAGE MOUNTPOINT`: serve an image read-only through FUSE. Without
/// -f it re-executes itself in the foreground as a detached daemon and returns once the mount is ready.
/// With inode_share the overlay backend may serve it instead (<see cref="MountBackendChoice"/>): then this
/// command mounts and returns, and no daemon runs.
/// </summary>
internal sealed class MountCommand : ICommand
{
    /// <summary>The hidden option naming the readiness pipe of a daemon started by this command.</summary>
    public const string ReadyFdOption = "ready-fd";

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(2);

    public string Name => "mount";
    public string Usage => "[-f] [-o OPTIONS] [--offset=#] IMAGE MOUNTPOINT";
    public string Summary => "mount an image read-only through FUSE (serves in the background), or with inode_share through kernel overlayfs over the store";

    public OptionTable Options { get; } = new([
        new('f', "foreground", ArgumentKind.None, "stay in the foreground and serve until unmounted"),
        new('o', "options", ArgumentKind.Required,
            "comma-separated: device=BLOB (repeatable), passthrough=auto|off, inode_share, domain_id=D, store=DIR (default "
            + ErofsMountOptions.DefaultStore + "), backend=auto|fuse|overlay (with inode_share; default auto: overlay when root and the kernel can, else fuse), "
            + "fingerprint=image|local, trust_fingerprints, lease_linger=SECONDS (default 10; fuse only)",
            "OPTIONS"),
        ImageArguments.Offset,
        new(null, "log", ArgumentKind.Required, "also append the daemon's messages (mismatches, errors, counters at unmount) to FILE", "FILE"),
        new(null, ReadyFdOption, ArgumentKind.Required, null, "FD"),
        .. LimitArguments.Options,
        ImageArguments.Help,
    ]);

    /// <summary>The readiness descriptor when <paramref name="args"/> start a daemon (`mount ... --ready-fd=N`), else null.</summary>
    public static int? DaemonReadyFd(string[] args)
    {
        if (args.Length == 0 || args[0] != "mount")
            return null;
        string prefix = $"--{ReadyFdOption}=";
        string? value = args.LastOrDefault(a => a.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..];
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int fd) && fd > 2 ? fd : null;
    }

    public int Run(ParseResult args, CommandContext context)
    {
        string image = Path.GetFullPath(ImageArguments.Positional(args, 0, "IMAGE"));
        string mountPoint = Path.GetFullPath(ImageArguments.Positional(args, 1, "MOUNTPOINT"));
        ImageArguments.NoMorePositionals(args, 2);
        long offset = ImageArguments.OffsetOf(args);
        var options = ParseMountOptions(args.Values("options")) with { Limits = LimitArguments.Parse(args), ImageOffset = offset };
        // Sharing records what it verified per image file; two images in one file would mix their records.
        if (offset != 0 && options.InodeShare)
            throw new CommandLineException("--offset cannot be used with inode_share");
        string? log = args.Value("log") is { } path ? Path.GetFullPath(path) : null;
        if (args.Has(ReadyFdOption))
            return MountServer.Serve(image, mountPoint, options, log, context, daemon: true);
        if (options.InodeShare && MountBackendChoice.TryOverlay(image, mountPoint, options, args.Has("foreground"), log, context))
            return 0;
        if (args.Has("foreground"))
            return MountServer.Serve(image, mountPoint, options, log, context, daemon: false);
        string[] forwarded = [.. args.Values("options").SelectMany(v => new[] { "-o", v }), .. LimitArguments.Forward(args),
            .. (log is null ? Array.Empty<string>() : [$"--log={log}"]),
            .. (offset == 0 ? Array.Empty<string>() : [$"--offset={offset.ToString(CultureInfo.InvariantCulture)}"])];
        return Launch(image, mountPoint, forwarded, context);
    }

    private static ErofsMountOptions ParseMountOptions(IReadOnlyList<string> values)
    {
        try
        {
            return ErofsMountOptions.Parse(values);
        }
        catch (ArgumentException e)
        {
            throw new CommandLineException(e.Message);
        }
    }

    private static int Launch(string image, string mountPoint, string[] forwarded, CommandContext context)
    {
        var (program, prefix) = SelfCommand();
        var launch = Daemon.Launch(program, fd =>
            [.. prefix, "mount", "-f", $"--{ReadyFdOption}={fd.ToString(CultureInfo.InvariantCulture)}",
             .. forwarded, "--", image, mountPoint],
            ReadyTimeout);
        context.Error.Write(launch.Messages);
        if (launch.Ready)
            return 0;
        if (launch.Messages.Length == 0)
            context.Error.WriteLine($"erofs mount: the daemon exited with code {launch.ExitCode} before the mount was ready");
        return launch.ExitCode is int code && code > 0 ? code : CommandDispatcher.ExitFailure;
    }

    // This program again: the native or apphost executable, or `dotnet erofs.dll` when run that way.
    private static (string Program, string[] Prefix) SelfCommand()
    {
        string program = Environment.ProcessPath ?? throw new IOException("cannot tell which program this is, so cannot start the daemon");
        if (Path.GetFileNameWithoutExtension(program) == "dotnet")
            return (program, [Path.Combine(AppContext.BaseDirectory, "erofs.dll")]);
        return (program, []);
    }
}
