using System.Globalization;

namespace Erofs.Conformance.Tests.Infrastructure;

/// <summary>
/// A read-only kernel mount of an EROFS image on a fresh directory under /tmp. <see cref="Dispose"/>
/// unmounts (falling back to a lazy unmount), detaches the loop devices it attached and removes the
/// directory, whether or not the test passed. Needs root and a kernel with EROFS.
/// </summary>
public sealed class KernelMount : IDisposable
{
    // mount(8) and losetup pick free loop devices; serialise them within this process to avoid races.
    private static readonly Lock SetupLock = new();

    private readonly List<string> _attachedLoops;
    private bool _disposed;

    private KernelMount(string image, string mountPoint, IReadOnlyList<string> extraDevices, List<string> attachedLoops, KernelMountMode mode)
    {
        Image = image;
        MountPoint = mountPoint;
        ExtraDevices = extraDevices;
        _attachedLoops = attachedLoops;
        Mode = mode;
    }

    /// <summary>The image file that is mounted.</summary>
    public string Image { get; }

    /// <summary>The directory the image is mounted on.</summary>
    public string MountPoint { get; }

    /// <summary>The extra device files as given (blobs), in device order.</summary>
    public IReadOnlyList<string> ExtraDevices { get; }

    /// <summary>The loop devices attached for the extra devices (<see cref="KernelMountMode.Loop"/> only).</summary>
    public IReadOnlyList<string> LoopDevices => _attachedLoops;

    /// <summary>How the image was mounted.</summary>
    public KernelMountMode Mode { get; }

    /// <summary>Whether the running kernel lists <c>erofs</c> in /proc/filesystems.</summary>
    public static bool IsErofsSupported =>
        File.ReadLines("/proc/filesystems").Any(l => l.Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries).Contains("erofs"));

    /// <summary>Throws unless the kernel has EROFS and the process runs as root.</summary>
    public static void RequireSupport()
    {
        if (!IsErofsSupported)
        {
            throw new InvalidOperationException("The running kernel has no EROFS support ('erofs' is not in /proc/filesystems); the kernel-mount tests need it.");
        }

        if (LibC.EffectiveUid != 0)
        {
            throw new InvalidOperationException($"Kernel mounts need root; the tests run as uid {LibC.EffectiveUid}.");
        }
    }

    /// <summary>Mounts a corpus image, with its blob as extra device when it has one.</summary>
    public static KernelMount Mount(CorpusImage image, KernelMountMode mode = KernelMountMode.Loop) =>
        Mount(image.ImagePath, image.ExtraDevices, mode);

    /// <summary>Mounts <paramref name="image"/> (loop mode) with optional extra devices.</summary>
    public static KernelMount Mount(string image, params string[] extraDevices) =>
        Mount(image, extraDevices, KernelMountMode.Loop);

    /// <summary>Mounts <paramref name="image"/> read-only with the given extra devices (blobs), in order.</summary>
    public static KernelMount Mount(string image, IReadOnlyList<string> extraDevices, KernelMountMode mode)
    {
        RequireSupport();
        image = Path.GetFullPath(image);
        if (!File.Exists(image))
        {
            throw new FileNotFoundException($"Image to mount not found: {image}", image);
        }

        var devices = extraDevices.Select(Path.GetFullPath).ToList();
        foreach (var device in devices)
        {
            if (!File.Exists(device))
            {
                throw new FileNotFoundException($"Extra device not found: {device}", device);
            }

            if (device.Contains(',', StringComparison.Ordinal))
            {
                throw new ArgumentException($"Extra device path must not contain ',': {device}", nameof(extraDevices));
            }
        }

        var dir = TempDir.Create("mnt").Path;
        var loops = new List<string>();
        try
        {
            lock (SetupLock)
            {
                if (mode == KernelMountMode.Loop)
                {
                    foreach (var device in devices)
                    {
                        loops.Add(AttachLoop(device));
                    }

                    var options = string.Concat(new[] { "ro" }.Concat(loops.Select(l => ",device=" + l)));
                    var result = ProcessRunner.Run("mount", ["-t", "erofs", "-o", options, image, dir], TimeSpan.FromSeconds(60));
                    if (!result.Succeeded)
                    {
                        throw new InvalidOperationException(
                            $"'{result.CommandLine}' failed ({result.ExitCode}): {result.StdErr.Trim()}\nkernel log:\n{KernelLogTail()}");
                    }
                }
                else
                {
                    var data = devices.Count == 0 ? null : string.Join(',', devices.Select(d => "device=" + d));
                    try
                    {
                        LibC.Mount(image, dir, "erofs", LibC.MsRdOnly, data);
                    }
                    catch (IOException ex)
                    {
                        throw new InvalidOperationException($"{ex.Message}\nkernel log:\n{KernelLogTail()}", ex);
                    }
                }
            }

            var info = MountTable.Find(dir);
            if (info == null || info.FsType != "erofs")
            {
                throw new InvalidOperationException($"{image} did not end up as an erofs mount on {dir} (found: {info?.FsType ?? "nothing"}).");
            }

            return new KernelMount(image, dir, devices, loops, mode);
        }
        catch
        {
            Cleanup(dir, loops, throwOnFailure: false);
            throw;
        }
    }

    /// <summary>Path of an entry inside the mount, e.g. <c>Resolve("/dir/file")</c>.</summary>
    public string Resolve(string treePath) => treePath == "/" ? MountPoint : MountPoint + treePath;

    /// <summary>Unmounts, detaches the loop devices it attached and removes the mount point.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Cleanup(MountPoint, _attachedLoops, throwOnFailure: true);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Image} on {MountPoint} ({Mode}{(ExtraDevices.Count > 0 ? ", devices: " + string.Join(", ", ExtraDevices) : "")})";

    private static string AttachLoop(string file)
    {
        // losetup can lose a race for a free device with another process; retry a few times.
        for (var attempt = 1; ; attempt++)
        {
            var result = ProcessRunner.Run("losetup", ["--find", "--show", "-r", file], TimeSpan.FromSeconds(30));
            var device = result.StdOut.Trim();
            if (result.Succeeded && device.StartsWith("/dev/", StringComparison.Ordinal))
            {
                return device;
            }

            if (attempt >= 5)
            {
                throw new InvalidOperationException($"'{result.CommandLine}' failed ({result.ExitCode}): {result.StdErr.Trim()}");
            }

            Thread.Sleep(100 * attempt);
        }
    }

    private static void Cleanup(string dir, List<string> loops, bool throwOnFailure)
    {
        var problems = new List<string>();
        if (MountTable.IsMountPoint(dir))
        {
            var result = ProcessRunner.Run("umount", [dir], TimeSpan.FromSeconds(60));
            if (!result.Succeeded && MountTable.IsMountPoint(dir))
            {
                // Busy (an open file in a failed test, say): detach lazily; the kernel finishes later.
                var errno = LibC.Unmount(dir, LibC.MntDetach);
                if (errno != 0)
                {
                    problems.Add($"could not unmount {dir}: {result.StdErr.Trim()}; lazy unmount: errno {errno.ToString(CultureInfo.InvariantCulture)}");
                }
            }
        }

        foreach (var loop in loops)
        {
            // On a busy device (after a lazy unmount) the kernel marks it for auto-clear instead.
            var result = ProcessRunner.Run("losetup", ["-d", loop], TimeSpan.FromSeconds(30));
            if (!result.Succeeded)
            {
                problems.Add($"could not detach {loop}: {result.StdErr.Trim()}");
            }
        }

        if (!MountTable.IsMountPoint(dir))
        {
            try
            {
                // Non-recursive on purpose: the directory is empty once unmounted.
                Directory.Delete(dir, recursive: false);
            }
            catch (DirectoryNotFoundException)
            {
            }
            catch (IOException ex)
            {
                problems.Add($"could not remove {dir}: {ex.Message}");
            }
        }

        if (throwOnFailure && problems.Count > 0)
        {
            throw new InvalidOperationException("Kernel mount cleanup failed: " + string.Join("; ", problems));
        }
    }

    private static string KernelLogTail()
    {
        try
        {
            var result = ProcessRunner.Run("dmesg", [], TimeSpan.FromSeconds(10));
            var lines = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return string.Join('\n', lines.Where(l => l.Contains("erofs", StringComparison.OrdinalIgnoreCase) || l.Contains("loop", StringComparison.Ordinal)).TakeLast(10));
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            return "(dmesg unavailable)";
        }
    }
}
