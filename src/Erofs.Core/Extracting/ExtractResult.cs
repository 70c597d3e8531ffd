using Erofs.Checking;

namespace Erofs.Extracting;

/// <summary>Outcome of an extraction: how much was written and what could not be.</summary>
public sealed record ExtractResult(long Entries, long Bytes, IReadOnlyList<CheckIssue> Failures, IReadOnlyList<string> Warnings)
{
    /// <summary>True when every entry was extracted.</summary>
    public bool Succeeded => Failures.Count == 0;
}
