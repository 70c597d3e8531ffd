using System.Diagnostics;
using System.Text;
using Erofs.Conformance.Tests.Cli;
using Erofs.Conformance.Tests.Infrastructure;
using Erofs.Conformance.Tests.Mount;

namespace Erofs.Conformance.Tests.Overlay;

/// <summary>
/// A mount point (in a fresh directory) for the real <c>erofs mount</c> with whatever backend it picks,
/// mounted or not. Keeps what the command printed and returned. <see cref="Dispose"/> runs
/// <c>erofs umount</c> when something is mounted, detaches lazily what is still there, waits for a
/// FUSE daemon (killing it if it lingers) and removes the directory, whether or not the test passed.
/// </summary>
internal sealed class BackendMount : IDisposable
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "erofs.dll");
    private readonly TempDir _dir;
    private bool _disposed;

    private BackendMount(TempDir dir, string mountPoint)
    {
        _dir = dir;
        MountPoint = mountPoint;
    }

    /// <summary>The mount point (mounted or not).</summary>
    public string MountPoint { get; }

    /// <summary>The directory holding the mount point (mode 0700 unless a test changes it).</summary>
    public string DirectoryPath => _dir.Path;

    /// <summary>What the last <see cref="Mount"/> printed and returned (null before).</summary>
    public ProcessResult? Result { get; private set; }

    /// <summary>The top mount on <see cref="MountPoint"/>, or null.</summary>
    public MountTable.MountInfo? Info => MountTable.Find(MountPoint);

    /// <summary>Whether something is mounted on <see cref="MountPoint"/>.</summary>
    public bool Mounted => MountTable.IsMountPoint(MountPoint);

    /// <summary>A fresh, empty mount point.</summary>
    public static BackendMount Create(string label = "ovl-backend")
    {
        var dir = TempDir.Create(label);
        try
        {
            return new BackendMount(dir, dir.CreateSubdirectory("mnt"));
        }
        catch
        {
            dir.Dispose();
            throw;
        }
    }

    /// <summary>Makes a mount point and runs <c>erofs mount [--log=LOG] -o OPTIONS IMAGE MNT</c> there.</summary>
    public static BackendMount Run(string image, string options, string? log = null)
    {
        var mount = Create();
        mount.Mount(image, options, log);
        return mount;
    }

    /// <summary>Like <see cref="Run"/>, and fails (cleaning up first) unless an overlay of ours for <paramref name="image"/> is mounted.</summary>
    public static BackendMount Overlay(string image, string options, string? log = null)
    {
        var mount = Run(image, options, log);
        try
        {
            mount.AssertOverlay(image);
            return mount;
        }
        catch
        {
            mount.Dispose();
            throw;
        }
    }

    /// <summary>The command line of a mount of <paramref name="image"/> here: <c>dotnet erofs.dll mount …</c>.</summary>
    public string[] MountCommand(string image, string options, string? log = null) =>
        ["dotnet", Dll, "mount", .. log is null ? Array.Empty<string>() : ["--log=" + log], "-o", options, image, MountPoint];

    /// <summary>
    /// Runs <c>erofs mount</c> on this mount point (through <paramref name="runner"/> when given, e.g. as
    /// another user) and keeps its result.
    /// </summary>
    public ProcessResult Mount(string image, string options, string? log = null, Func<string[], ProcessResult>? runner = null)
    {
        string[] command = MountCommand(image, options, log);
        Result = runner is null ? ProcessRunner.Run(command[0], command[1..], TimeSpan.FromMinutes(3)) : runner(command);
        return Result;
    }

    /// <summary>Keeps <paramref name="result"/> (of a <see cref="Start"/>ed mount) as this mount's result.</summary>
    public void Record(ProcessResult result) => Result = result;

    /// <summary>Starts <c>erofs mount</c> on this mount point without waiting (see <see cref="Started"/>).</summary>
    public Started Start(string image, string options, string? log = null) => new(MountCommand(image, options, log));

    /// <summary>Fails unless the last mount succeeded and left an overlay of ours (source <c>erofs:IMAGE</c>, read-only) here.</summary>
    public void AssertOverlay(string image)
    {
        Assert.True(Result is { Succeeded: true }, $"'{Result?.CommandLine}' failed ({Result?.ExitCode}): {Result?.StdErr.Trim()}");
        AssertOverlayMounted(image);
    }

    /// <summary>Fails unless an overlay of ours for <paramref name="image"/> (source <c>erofs:IMAGE</c>, read-only) is mounted here.</summary>
    public void AssertOverlayMounted(string image)
    {
        var info = Info;
        Assert.True(info is { FsType: "overlay" }, $"{image} did not end up as an overlay on {MountPoint} (found {info?.FsType ?? "nothing"}); it said: {Result?.StdErr.Trim()}");
        Assert.Equal("erofs:" + Path.GetFullPath(image), info!.Source);
        Assert.Contains("ro", info.Options.Split(','));
    }

    /// <summary>Path of a tree path inside the mount.</summary>
    public string Resolve(string treePath) => treePath == "/" ? MountPoint : MountPoint + treePath;

    /// <summary>Runs <c>erofs umount MNT</c>.</summary>
    public ProcessResult Umount() => ErofsCli.Run("umount", MountPoint);

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        int? daemon = DaemonMount.FindDaemon(MountPoint);
        try
        {
            if (Mounted)
                ErofsCli.Run("umount", MountPoint);
        }
        finally
        {
            while (Mounted && LibC.Unmount(MountPoint, LibC.MntDetach) == 0)
            {
                // stacked mounts: detach each
            }
            if (daemon is int pid && !DaemonMount.WaitForExit(pid, Patience.Wait))
            {
                try
                {
                    Process.GetProcessById(pid).Kill();
                }
                catch (ArgumentException)
                {
                    // already gone
                }
            }
            _dir.Dispose();
        }
    }

    /// <summary>
    /// A running <c>erofs mount</c>, its output collected as it comes. <see cref="Dispose"/> kills it
    /// (SIGKILL) if it still runs.
    /// </summary>
    internal sealed class Started : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _stdout = new(), _stderr = new();

        public Started(string[] command)
        {
            var start = new ProcessStartInfo(command[0])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            foreach (string arg in command[1..])
                start.ArgumentList.Add(arg);
            start.Environment["LC_ALL"] = "C";
            CommandLine = ProcessRunner.FormatCommandLine(command[0], command[1..]);
            _process = new Process { StartInfo = start };
            _process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
            _process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
            _process.Start();
            _process.StandardInput.Close();
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public string CommandLine { get; }

        /// <summary>Whether the command has ended.</summary>
        public bool HasExited => _process.HasExited;

        /// <summary>
        /// Sends SIGKILL; true when the process was still running then (false: it had ended by itself).
        /// Returns once it is gone.
        /// </summary>
        public bool Kill()
        {
            bool running = !_process.HasExited;
            if (running)
            {
                try
                {
                    _process.Kill(entireProcessTree: false);
                }
                catch (InvalidOperationException)
                {
                    running = false; // ended between the check and the kill
                }
            }
            if (!_process.WaitForExit(Patience.Wait))
                throw new TimeoutException($"'{CommandLine}' did not end after SIGKILL");
            return running;
        }

        /// <summary>Waits for the command to end by itself and returns its result.</summary>
        public ProcessResult Wait()
        {
            if (!_process.WaitForExit(TimeSpan.FromMinutes(3)))
                throw new TimeoutException($"'{CommandLine}' did not end within 3 minutes");
            _process.WaitForExit(); // drains the output
            return new ProcessResult(CommandLine, _process.ExitCode, Snapshot(_stdout), Snapshot(_stderr));
        }

        public void Dispose()
        {
            if (!_process.HasExited)
                Kill();
            _process.Dispose();
        }

        private static void Append(StringBuilder text, string? line)
        {
            if (line is null)
                return;
            lock (text)
                text.Append(line).Append('\n');
        }

        private static string Snapshot(StringBuilder text)
        {
            lock (text)
                return text.ToString();
        }
    }
}
