using System.Globalization;
using System.Text;
using Erofs.Fuse.Interop;
using Erofs.Mounting;

namespace Erofs.Fuse.Protocol;

/// <summary>Creates the mount: mount(2) as root, fusermount3 otherwise.</summary>
internal static class FuseMounter
{
    /// <summary>Mounts and returns the device of the new connection and whether fusermount3 did it.</summary>
    public static (FuseDevice Device, bool ViaFusermount) Mount(string mountPoint, FuseSessionOptions options)
    {
        var method = options.MountMethod;
        if (method == FuseMountMethod.Auto)
            method = Libc.Geteuid() == 0 ? FuseMountMethod.Syscall : FuseMountMethod.Fusermount;
        return method == FuseMountMethod.Syscall
            ? (MountWithSyscall(mountPoint, options), false)
            : (FusermountHelper.Mount(mountPoint, FusermountOptions(options)), true);
    }

    /// <summary>Detaches the mount; returns null on success, else why it failed.</summary>
    public static string? Unmount(string mountPoint, bool viaFusermount)
    {
        if (viaFusermount)
            return FusermountHelper.Unmount(mountPoint, lazy: true);
        try
        {
            Mounter.Detach(mountPoint);
            return null;
        }
        catch (IOException e)
        {
            return e.Message;
        }
    }

    private static FuseDevice MountWithSyscall(string mountPoint, FuseSessionOptions options)
    {
        var device = FuseDevice.Open();
        string data = string.Create(CultureInfo.InvariantCulture,
            $"fd={device.Fd},rootmode=40000,user_id={Libc.Geteuid()},group_id={Libc.Getegid()},default_permissions{(options.AllowOther ? ",allow_other" : "")}");
        try
        {
            Mounter.Mount(options.Source, mountPoint, "fuse." + options.Subtype, MountFlags.ReadOnly | MountFlags.NoSuid | MountFlags.NoDev, data);
        }
        catch
        {
            device.Dispose();
            throw;
        }
        return device;
    }

    private static string FusermountOptions(FuseSessionOptions options)
    {
        var text = new StringBuilder("ro,nosuid,nodev,default_permissions");
        if (options.AllowOther)
            text.Append(",allow_other");
        text.Append(",fsname=").Append(Escape(options.Source));
        text.Append(",subtype=").Append(Escape(options.Subtype));
        return text.ToString();
    }

    // fusermount3 splits options on ',' and takes '\' as an escape.
    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(",", "\\,", StringComparison.Ordinal);
}
