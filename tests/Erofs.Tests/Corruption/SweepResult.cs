namespace Erofs.Tests.Corruption;

/// <summary>What a sweep saw: counts per outcome and every rule violation with its flip.</summary>
internal sealed class SweepResult
{
    public int Trials;
    public int OpenRefused;
    public int WalkFailures;
    public int FsckOnly;
    public int Clean;
    public int Extracted;
    public readonly List<(Flip Flip, Exception Error)> Violations = [];
    public readonly Dictionary<string, Flip> Unlocated = [];
    public TimeSpan Elapsed;
}
