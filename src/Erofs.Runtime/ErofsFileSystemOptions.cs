namespace Erofs.Runtime;

/// <summary>How <see cref="ErofsFileSystem"/> answers.</summary>
public sealed record ErofsFileSystemOptions
{
    /// <summary>How long the kernel may cache names and attributes: long, since an image never changes.</summary>
    public TimeSpan CacheTimeout { get; init; } = TimeSpan.FromDays(365);

    /// <summary>Where diagnostics go (a damaged file is reported once); null drops them.</summary>
    public Action<string>? Log { get; init; }
}
