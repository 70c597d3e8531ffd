using System.Globalization;
using Erofs.Conformance.Tests.Cli;
using Erofs.Conformance.Tests.Infrastructure;

namespace Erofs.Conformance.Tests.Mount;

/// <summary>
/// An image mounted by the real `erofs mount` (background daemon) on a fresh directory. Dispose
/// runs `erofs umount`, falls back to a lazy umount2, waits for the daemon to end (killing it if
/// it does not) and removes the directory, whether or not the test passed.
/// </summary>
internal sealed class DaemonMount : IDisposable
{
    private readonly TempDir _dir;
    private bool _disposed;

    private DaemonMount(TempDir dir, string mountPoint, int pid)
    {
        _dir = dir;
        MountPoint = mountPoint;
        DaemonPid = pid;
    }

    /// <summary>The mount point.</summary>
    public string MountPoint { get; }

    /// <summary>The daemon serving it.</summary>
    public int DaemonPid { get; }

    /// <summary>Path of a tree path inside the mount.</summary>
    public string Resolve(string treePath) => treePath == "/" ? MountPoint : MountPoint + treePath;

    /// <summary>Mounts a corpus image (its blob as device=).</summary>
    public static DaemonMount Start(CorpusImage image, params string[] options) =>
        Start(image.ImagePath, [.. image.ExtraDevices.Select(d => "device=" + d), .. options]);

    /// <summary>
    /// Mounts <paramref name="image"/> with the given -o options (and <c>--log=</c><paramref name="log"/> when given);
    /// throws with the command's output when it fails.
    /// </summary>
    public static DaemonMount Start(string image, IReadOnlyList<string> options, string? log = null)
    {
        var dir = TempDir.Create("fuse");
        try
        {
            string mountPoint = dir.CreateSubdirectory("mnt");
            string[] logArgs = log is null ? [] : ["--log=" + log];
            var result = ErofsCli.Run(["mount", .. logArgs, .. options.SelectMany(o => new[] { "-o", o }), image, mountPoint]);
            if (!result.Succeeded)
                throw new InvalidOperationException($"'{result.CommandLine}' failed ({result.ExitCode}): {result.StdErr.Trim()}");
            var info = MountTable.Find(mountPoint);
            if (info?.FsType != "fuse.erofs")
                throw new InvalidOperationException($"{image} did not end up as a fuse.erofs mount on {mountPoint} (found {info?.FsType ?? "nothing"})");
            return new DaemonMount(dir, mountPoint, FindDaemon(mountPoint) ?? throw new InvalidOperationException($"no daemon process serves {mountPoint}"));
        }
        catch
        {
            dir.Dispose();
            throw;
        }
    }

    /// <summary>The pid of the `erofs mount` daemon serving <paramref name="mountPoint"/>, or null.</summary>
    public static int? FindDaemon(string mountPoint) => FindDaemons(mountPoint) is [int pid, ..] ? pid : null;

    /// <summary>
    /// The pids of every `erofs mount` daemon whose command line names <paramref name="mountPoint"/>: also one
    /// still serving an earlier, lazily detached mount of the same path.
    /// </summary>
    public static List<int> FindDaemons(string mountPoint)
    {
        var pids = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
                continue;
            string[] args;
            try
            {
                args = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0');
            }
            catch (IOException)
            {
                continue;
            }
            if (args.Contains("mount") && args.Contains(mountPoint) && args.Any(a => a.StartsWith("--ready-fd=", StringComparison.Ordinal)))
                pids.Add(pid);
        }
        return pids;
    }

    /// <summary>Whether process <paramref name="pid"/> exists (and is not a zombie).</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            return !stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the process to end.</summary>
    public static bool WaitForExit(int pid, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (IsAlive(pid))
        {
            if (DateTime.UtcNow > deadline)
                return false;
            Thread.Sleep(20);
        }
        return true;
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        try
        {
            if (MountTable.IsMountPoint(MountPoint))
                ErofsCli.Run("umount", MountPoint);
        }
        finally
        {
            if (MountTable.IsMountPoint(MountPoint))
                LibC.Unmount(MountPoint, LibC.MntDetach);
            if (!WaitForExit(DaemonPid, Patience.Wait))
                KillDaemon();
            _dir.Dispose();
        }
    }

    private void KillDaemon()
    {
        try
        {
            System.Diagnostics.Process.GetProcessById(DaemonPid).Kill();
        }
        catch (ArgumentException)
        {
            // already gone
        }
    }
}
