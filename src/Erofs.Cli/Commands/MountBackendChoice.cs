using System.Globalization;
using Erofs.Cli.CommandLine;
using Erofs.Runtime;
using Erofs.Runtime.Overlay;

namespace Erofs.Cli.Commands;

/// <summary>
/// Which backend serves an <c>inode_share</c> mount: <c>backend=overlay</c> or <c>auto</c> mount through the
/// kernel's overlayfs when they can (root, the kernel's features, an image overlayfs can show, no FUSE-only
/// option, a store on a file system that can back an EROFS mount); <c>auto</c> otherwise falls back to the
/// FUSE daemon and says why in one line.
/// </summary>
internal static class MountBackendChoice
{
    /// <summary>True when the overlay backend mounted the image; false when the FUSE daemon must serve it.</summary>
    /// <exception cref="CommandLineException"><c>backend=overlay</c> with <c>-f</c>.</exception>
    /// <exception cref="IOException"><c>backend=overlay</c> cannot be used here, or the mount failed.</exception>
    public static bool TryOverlay(string image, string mountPoint, ErofsMountOptions options, bool foreground, string? logPath, CommandContext context)
    {
        if (options.Backend == MountBackend.Fuse)
            return false;
        bool auto = options.Backend == MountBackend.Auto;
        if (foreground && !auto)
            throw new CommandLineException("-f serves through the FUSE daemon: it cannot be used with 'backend=overlay'");
        string? notHere = foreground ? "-f asks for a daemon in the foreground"
            : options.DaemonOption is { } option ? $"'{option}' is a FUSE daemon option"
            : OverlayBackend.Unavailable();
        if (notHere is not null)
        {
            if (!auto)
                throw new IOException($"backend=overlay: {notHere}");
            context.Error.WriteLine($"erofs mount: FUSE backend ({notHere})");
            return false;
        }
        try
        {
            MountOverlay(image, mountPoint, options, logPath, context);
        }
        catch (OverlayUnrepresentableException e) when (auto)
        {
            context.Error.WriteLine($"erofs mount: FUSE backend (overlayfs cannot show {e.Message})");
            return false;
        }
        catch (OverlayStoreUnsuitableException e) when (auto)
        {
            // The daemon serves from such a store (the objects just published included); nothing was mounted.
            context.Error.WriteLine($"erofs mount: FUSE backend ({e.Message})");
            return false;
        }
        if (auto)
            context.Error.WriteLine("erofs mount: overlay backend (kernel overlayfs over the store; no daemon)");
        return true;
    }

    private static void MountOverlay(string image, string mountPoint, ErofsMountOptions options, string? logPath, CommandContext context)
    {
        using var logFile = logPath is null ? null : LogFile.Open(logPath);
        string pid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        void Log(string message)
        {
            context.Error.WriteLine($"erofs mount: {message}");
            logFile?.WriteLine($"erofs mount[{pid}]: {message}");
        }
        using var progress = new PublishProgress(context);
        PublishedImage? published;
        published = OverlayBackend.Mount(image, mountPoint, options, Log, progress.Report);
        string work = published is null ? "metadata image found in the store, nothing published"
            : $"{published.Objects.Count} files, {published.Hashed} hashed ({published.HashedBytes} bytes), {published.Published} objects published, {published.Mismatches} mismatches";
        logFile?.WriteLine($"erofs mount[{pid}]: {image} on {mountPoint}: overlay backend, sharing in domain {options.DomainId}: {work}");
    }
}
