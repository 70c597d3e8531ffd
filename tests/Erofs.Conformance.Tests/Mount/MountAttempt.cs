using System.Text.RegularExpressions;
using Erofs.Conformance.Tests.Infrastructure;

namespace Erofs.Conformance.Tests.Mount;

/// <summary>
/// One run of the real <c>erofs mount</c> that may be refused or accepted (attack tests expect a refusal
/// that today's code may not give). Keeps the command's result; when it mounted, serves as the mount
/// until <see cref="Dispose"/>, which unmounts (lazily if need be), waits for the daemon, kills it if it
/// lingers, and removes the mount point's directory whether or not the test passed.
/// </summary>
internal sealed partial class MountAttempt : IDisposable
{
    private readonly TempDir _dir;
    private bool _disposed;

    private MountAttempt(TempDir dir, string mountPoint, ProcessResult result)
    {
        _dir = dir;
        MountPoint = mountPoint;
        Result = result;
        Mounted = MountTable.IsMountPoint(mountPoint);
        DaemonPid = Mounted ? DaemonMount.FindDaemon(mountPoint) : null;
    }

    /// <summary>The mount point (mounted or not).</summary>
    public string MountPoint { get; }

    /// <summary>What <c>erofs mount</c> printed and returned.</summary>
    public ProcessResult Result { get; }

    /// <summary>Whether something ended up mounted on <see cref="MountPoint"/>.</summary>
    public bool Mounted { get; }

    /// <summary>The daemon serving the mount, if any.</summary>
    public int? DaemonPid { get; }

    /// <summary>Path of a tree path inside the mount.</summary>
    public string Resolve(string treePath) => MountPoint + treePath;

    /// <summary>
    /// Runs <c>erofs mount -o inode_share,backend=fuse,domain_id=DOMAIN,store=STORE[,EXTRA…] --log=LOG IMAGE MNT</c>,
    /// under <paramref name="wrapper"/> (e.g. <c>prlimit --nofile=N:N</c>) when given.
    /// </summary>
    public static MountAttempt Share(string image, string store, string domain, string log, string[]? extra = null, string[]? wrapper = null)
    {
        var dir = TempDir.Create("attack-mnt");
        try
        {
            string mountPoint = dir.CreateSubdirectory("mnt");
            string options = string.Join(',', [$"inode_share,backend=fuse,domain_id={domain},store={store}", .. extra ?? []]);
            string[] erofs = ["dotnet", Path.Combine(AppContext.BaseDirectory, "erofs.dll"), "mount", "--log=" + log, "-o", options, image, mountPoint];
            string[] command = [.. wrapper ?? [], .. erofs];
            var result = ProcessRunner.Run(command[0], command[1..], TimeSpan.FromMinutes(3));
            return new MountAttempt(dir, mountPoint, result);
        }
        catch
        {
            dir.Dispose();
            throw;
        }
    }

    /// <summary>Fails (cleaning up first) unless the mount succeeded; returns this for chaining.</summary>
    public MountAttempt AssertMounted()
    {
        if (Result.Succeeded && Mounted)
            return this;
        Dispose();
        Assert.Fail($"'{Result.CommandLine}' did not mount ({Result.ExitCode}): {Result.StdErr.Trim()}");
        return this;
    }

    /// <summary>
    /// The mount was refused as the store rules say: exit code 1, one line on standard error that names
    /// <paramref name="path"/> (as a whole path, not a prefix of a longer one) and, when given, the
    /// owner <paramref name="ownerUid"/> as a number; nothing mounted, no daemon left.
    /// </summary>
    public void AssertRefused(string path, uint? ownerUid = null)
    {
        Assert.False(Mounted, $"the mount was accepted (it must be refused because of '{path}'); it said: {Result.StdErr.Trim()}");
        var lines = Result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one error line, got ({Result.ExitCode}):\n{Result.StdErr}");
        Assert.Equal(1, Result.ExitCode);
        Assert.DoesNotContain("   at ", Result.StdErr, StringComparison.Ordinal);
        Assert.True(NamesPath(lines[0], path), $"the error does not name '{path}': {lines[0]}");
        if (ownerUid is uint uid)
            Assert.True(NamesNumber(lines[0], uid), $"the error does not give the owner uid {uid}: {lines[0]}");
        Assert.Empty(MountTable.MountPointsUnder(_dir.Path));
        Assert.Null(DaemonMount.FindDaemon(MountPoint));
    }

    /// <summary>Whether <paramref name="line"/> holds <paramref name="path"/> not followed by more path characters.</summary>
    public static bool NamesPath(string line, string path) =>
        Regex.IsMatch(line, "(?<![\\w./-])" + Regex.Escape(path) + "(?![\\w./-])");

    // The number outside every path (a path may hold digits too).
    private static bool NamesNumber(string line, uint number) =>
        Regex.IsMatch(PathToken().Replace(line, " "), $"\\b{number}\\b");

    [GeneratedRegex("/[^\\s'\"`:,;()]*")]
    private static partial Regex PathToken();

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        try
        {
            if (MountTable.IsMountPoint(MountPoint))
                Cli.ErofsCli.Run("umount", MountPoint);
        }
        finally
        {
            if (MountTable.IsMountPoint(MountPoint))
                LibC.Unmount(MountPoint, LibC.MntDetach);
            if (DaemonPid is int pid && !DaemonMount.WaitForExit(pid, Patience.Wait))
                Kill(pid);
            _dir.Dispose();
        }
    }

    private static void Kill(int pid)
    {
        try
        {
            System.Diagnostics.Process.GetProcessById(pid).Kill();
        }
        catch (ArgumentException)
        {
            // already gone
        }
    }
}
