using System.Diagnostics;
using Erofs.Conformance.Tests.Infrastructure;
using Erofs.Mounting;

namespace Erofs.Conformance.Tests.Mounting;

/// <summary>
/// A process that builds what the overlay backend builds (a detached EROFS mount of IMAGE, a detached
/// overlay over it with OBJECTS as data-only layer), closes its own descriptors of IMAGE and OBJECTS,
/// says "ready" and waits, before move_mount, to be killed (or exits when its standard input closes,
/// so a dying test host takes it along).
/// </summary>
internal static class DetachedMountHolder
{
    public const string Mode = "hold-detached-mounts";

    /// <summary>The helper mode itself (in the child process).</summary>
    public static int Run(string image, string objects)
    {
        DetachedMount erofsMount, overlayMount;
        using (var imageHandle = File.OpenHandle(image))
        using (var erofs = FileSystemContext.Open("erofs"))
        {
            erofs.SetString("source", $"/proc/self/fd/{imageHandle.DangerousGetHandle()}");
            erofs.Create();
            erofsMount = erofs.Mount(MountAttributes.ReadOnly);
        }
        using (var objectsHandle = DirectoryHandle.Open(objects))
        using (var overlay = FileSystemContext.Open("overlay"))
        {
            overlay.SetString("source", "erofs:" + image);
            overlay.SetFd("lowerdir+", erofsMount);
            overlay.SetFd("datadir+", objectsHandle);
            overlay.SetString("metacopy", "on");
            overlay.SetString("redirect_dir", "follow");
            overlay.Create();
            overlayMount = overlay.Mount(MountAttributes.ReadOnly);
        }
        Console.Out.WriteLine("ready");
        Console.Out.Flush();
        Console.In.ReadToEnd();
        GC.KeepAlive(erofsMount);
        GC.KeepAlive(overlayMount);
        return 0;
    }

    /// <summary>Starts the helper and returns once it holds its mounts.</summary>
    public static Process Start(string image, string objects)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string arg in new[] { typeof(HelperProgram).Assembly.Location, Mode, image, objects })
            start.ArgumentList.Add(arg);
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the helper");
        var line = process.StandardOutput.ReadLineAsync();
        if (line.Wait(Patience.Wait) && line.Result == "ready")
            return process;
        process.Kill();
        process.WaitForExit();
        string error = process.StandardError.ReadToEnd().Trim();
        process.Dispose();
        throw new InvalidOperationException($"the helper did not get ready: {error}");
    }
}
