namespace Erofs.Runtime;

/// <summary>How <see cref="ErofsFileSystem"/> answers.</summary>
public sealed record ErofsFileSystemOptions
{
    /// <summary>How long the kernel may cache names and attributes: long, since an image never changes.</summary>
    public TimeSpan CacheTimeout { get; init; } = TimeSpan.FromDays(365);

    /// <summary>Where diagnostics go (a damaged file is reported once); null drops them.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Where the mount counts READ requests and sharing work.</summary>
    public MountStatistics Statistics { get; init; } = new();

    /// <summary>Sharing with the domain's object store (inode_share), or null.</summary>
    internal Sharing.FileSharing? Sharing { get; init; }
}
