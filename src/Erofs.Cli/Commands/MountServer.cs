using System.Runtime.InteropServices;
using Erofs.Runtime;

namespace Erofs.Cli.Commands;

/// <summary>The foreground part of `erofs mount`: mount, report readiness, serve until unmounted or signalled.</summary>
internal static class MountServer
{
    private static readonly TimeSpan DrainTime = TimeSpan.FromSeconds(2);

    public static int Serve(string image, string mountPoint, ErofsMountOptions options, CommandContext context, bool daemon)
    {
        void Log(string message) => context.Error.WriteLine($"erofs mount: {message}");
        using var mount = ErofsMount.Start(image, mountPoint, options, Log);
        using var signals = StopOnSignals(mount);
        if (daemon)
            Daemon.SignalReady();
        else
            Log($"{image} on {mountPoint}: FUSE {mount.Session.Connection.Version}, {mount.Session.WorkerCount} workers"
                + (mount.Session.Connection.Passthrough ? ", passthrough available" : ""));
        mount.WaitForExit();
        if (mount.Session.Failure is { } failure)
        {
            Log(failure);
            return CommandDispatcher.ExitFailure;
        }
        return 0;
    }

    // SIGTERM, SIGINT, SIGHUP: detach the mount; if open files keep it alive, end the connection.
    private static IDisposable StopOnSignals(ErofsMount mount)
    {
        void Stop(PosixSignalContext signal)
        {
            signal.Cancel = true;
            ThreadPool.QueueUserWorkItem(_ =>
            {
                mount.Session.Unmount();
                if (!mount.Session.WaitForExit(DrainTime))
                    mount.Session.Abort();
            });
        }
        var registrations = new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT, PosixSignal.SIGHUP }
            .Select(s => PosixSignalRegistration.Create(s, Stop)).ToArray();
        return new Registrations(registrations);
    }

    private sealed class Registrations(PosixSignalRegistration[] items) : IDisposable
    {
        public void Dispose()
        {
            foreach (var item in items)
                item.Dispose();
        }
    }
}
