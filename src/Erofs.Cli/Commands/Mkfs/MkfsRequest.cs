using Erofs.Building;

namespace Erofs.Cli.Commands.Mkfs;

/// <summary>Everything `erofs mkfs` was asked to do, checked before anything is read or written.</summary>
internal sealed record MkfsRequest
{
    public required string ImagePath { get; init; }
    public required string Source { get; init; }
    public required BuildOptions Options { get; init; }
    public TarMode Tar { get; init; }
    public bool Ungzip { get; init; }
    public bool Aufs { get; init; }
    public bool OvlfsStrip { get; init; }
    public IReadOnlyList<string> ExcludePaths { get; init; } = [];
    public IReadOnlyList<string> ExcludeRegexes { get; init; } = [];
    public bool HardDereference { get; init; }
    public bool Quiet { get; init; }
    /// <summary>What was accepted but changed (a hints line skipped): printed unless quiet.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>How SOURCE is read.</summary>
internal enum TarMode
{
    /// <summary>SOURCE is a directory.</summary>
    None,
    /// <summary>`--tar=f`: a tar stream whose data is copied into the image.</summary>
    Full,
    /// <summary>`--tar=i`: a tar file the image refers to as an extra device.</summary>
    Index,
}
