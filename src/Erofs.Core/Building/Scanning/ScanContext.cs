using System.Collections.Concurrent;
using Erofs.Building.Source;

namespace Erofs.Building.Scanning;

/// <summary>A directory still to be listed: its node and its full path bytes (no NUL).</summary>
internal readonly record struct DirectoryWork(SourceNode Node, byte[] Path);

/// <summary>What every worker of one scan shares.</summary>
internal sealed class ScanContext
{
    internal ScanContext(DirectoryScanOptions options, int rootPathLength)
    {
        Options = options;
        Excludes = new ExcludeFilter(options.ExcludePaths, options.ExcludeRegexes);
        RelativeStart = rootPathLength + 1;
    }

    /// <summary>The caller's options.</summary>
    internal DirectoryScanOptions Options { get; }

    /// <summary>The exclude rules.</summary>
    internal ExcludeFilter Excludes { get; }

    /// <summary>Where the root-relative part of a full path starts (after the root and its '/').</summary>
    internal int RelativeStart { get; }

    /// <summary>Directories waiting to be listed.</summary>
    internal ScanWorkQueue<DirectoryWork> Queue { get; } = new();

    /// <summary>The node of each multiply linked file seen so far.</summary>
    internal ConcurrentDictionary<FileIdentity, SourceNode> HardLinks { get; } = new();
}
