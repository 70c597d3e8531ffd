namespace Erofs.Conformance.Tests.Infrastructure;

/// <summary>
/// How long a test waits for something the kernel or another process will do (a daemon exiting, a lock
/// count settling). Waits return as soon as the condition holds, so the bound only matters when it never
/// does: it is generous because a busy machine can delay a process by many seconds.
/// </summary>
internal static class Patience
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
}
