namespace Erofs.Mounting;

/// <summary>What this kernel can mount, found by asking it (never by its version number).</summary>
public static class MountSupport
{
    /// <summary>
    /// Why this kernel (and this process's privileges) cannot stack a read-only overlay over a detached
    /// EROFS mount with a data-only layer given as descriptors; null when it can. Mounts nothing: it opens
    /// an <c>erofs</c> and an <c>overlay</c> context and sets overlay's <c>lowerdir+</c> and <c>datadir+</c>
    /// to a descriptor of "/", <c>metacopy=on</c> and <c>redirect_dir=follow</c>, without creating anything.
    /// </summary>
    public static string? OverlayBackendProblem()
    {
        try
        {
            using (FileSystemContext.Open("erofs"))
            {
            }
            using var overlay = FileSystemContext.Open("overlay");
            using var root = DirectoryHandle.Open("/");
            overlay.SetFd("lowerdir+", root);
            overlay.SetFd("datadir+", root);
            overlay.SetString("metacopy", "on");
            overlay.SetString("redirect_dir", "follow");
            return null;
        }
        catch (IOException e)
        {
            return e.Message;
        }
        catch (EntryPointNotFoundException)
        {
            return "the C library has no fsopen (glibc 2.36 or later wraps the new mount API)";
        }
    }
}
