using Erofs.Checking;
using Erofs.Extracting;

namespace Erofs.Tests.Corruption;

/// <summary>What a walk over a (possibly hostile) image saw; every exception in it is of an allowed type.</summary>
internal sealed class WalkReport
{
    /// <summary>Set when <c>ErofsImage.Open</c> refused the image.</summary>
    public Exception? OpenFailure { get; set; }

    /// <summary>Allowed exceptions thrown by public reader calls during the walk (the walk goes on after each).</summary>
    public List<Exception> Failures { get; } = [];

    /// <summary>What fsck (<see cref="ImageChecker"/>) reported.</summary>
    public IReadOnlyList<CheckIssue> Issues { get; set; } = [];

    /// <summary>The extraction result, or null when extraction was skipped.</summary>
    public ExtractResult? Extract { get; set; }

    /// <summary>Inodes the walk decoded successfully.</summary>
    public int InodesVisited { get; set; }

    /// <summary>Every allowed exception seen, the open failure first.</summary>
    public IEnumerable<Exception> All => OpenFailure is null ? Failures : Failures.Prepend(OpenFailure);

    /// <summary>True when nothing at all went wrong (open, walk, fsck and extraction all clean).</summary>
    public bool Clean => OpenFailure is null && Failures.Count == 0 && Issues.Count == 0 && Extract is not { Succeeded: false };

    /// <summary>One line per problem, for assertion messages.</summary>
    public string Describe()
    {
        var lines = new List<string>();
        if (OpenFailure is not null)
            lines.Add($"open: {OpenFailure.GetType().Name}: {OpenFailure.Message}");
        lines.AddRange(Failures.Take(10).Select(e => $"read: {e.GetType().Name}: {e.Message}"));
        lines.AddRange(Issues.Take(10).Select(i => $"fsck: {i}"));
        if (Extract is not null)
            lines.AddRange(Extract.Failures.Take(10).Select(i => $"extract: {i}"));
        return lines.Count == 0 ? "(clean)" : string.Join(Environment.NewLine, lines);
    }
}
