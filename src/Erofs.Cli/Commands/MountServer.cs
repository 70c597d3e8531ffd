using System.Globalization;
using System.Runtime.InteropServices;
using Erofs.Runtime;

namespace Erofs.Cli.Commands;

/// <summary>The foreground part of `erofs mount`: mount, report readiness, serve until unmounted or signalled.</summary>
internal static class MountServer
{
    private static readonly TimeSpan DrainTime = TimeSpan.FromSeconds(2);

    public static int Serve(string image, string mountPoint, ErofsMountOptions options, string? logPath, CommandContext context, bool daemon)
    {
        using var logFile = logPath is null ? null : LogFile.Open(logPath);
        string pid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        void Log(string message)
        {
            context.Error.WriteLine($"erofs mount: {message}");
            logFile?.WriteLine($"erofs mount[{pid}]: {message}");
        }
        // A bug that escapes a background thread ends the process: leave its trace where the operator looks.
        AppDomain.CurrentDomain.UnhandledException += (_, e) => Log($"daemon failed: {e.ExceptionObject.ToString()?.ReplaceLineEndings(" | ")}");
        int status = 0;
        MountStatistics statistics;
        using (var mount = ErofsMount.Start(image, mountPoint, options, Log))
        {
            statistics = mount.Statistics;
            using var signals = StopOnSignals(mount);
            string started = Describe(image, mountPoint, options, mount);
            if (daemon)
            {
                logFile?.WriteLine($"erofs mount[{pid}]: {started}");
                Daemon.SignalReady();
            }
            else
            {
                Log(started);
            }
            mount.WaitForExit();
            if (mount.Session.Failure is { } failure)
            {
                Log(failure);
                status = CommandDispatcher.ExitFailure;
            }
        }
        // After Dispose: the counters are final and the leases released.
        Log($"{image} on {mountPoint} ended: {statistics}");
        return status;
    }

    private static string Describe(string image, string mountPoint, ErofsMountOptions options, ErofsMount mount)
    {
        var connection = mount.Session.Connection;
        string sharing = mount.FileSystem.Sharing ? $", sharing in domain {options.DomainId}" : "";
        return $"{image} on {mountPoint}: FUSE {connection.Version}, {mount.Session.WorkerCount} workers"
            + (connection.Passthrough ? ", passthrough available" : "") + sharing;
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
