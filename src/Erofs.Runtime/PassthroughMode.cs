namespace Erofs.Runtime;

/// <summary>Whether a mount asks the kernel for FUSE passthrough (<c>-o passthrough=</c>).</summary>
public enum PassthroughMode
{
    /// <summary>Negotiate it when the kernel offers it and the mount is made as root.</summary>
    Auto,
    /// <summary>Never: every read goes through the daemon.</summary>
    Off,
}
