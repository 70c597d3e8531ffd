namespace Erofs.Tests.Runtime.Store;

/// <summary>
/// Waits for a condition that other processes can delay, e.g. a lock count in /proc/locks: a child that
/// a parallel test forks keeps copies of our descriptors (and so their flocks) until it execs.
/// </summary>
internal static class Eventually
{
    public static void True(Func<bool> condition, Func<string>? describe = null)
    {
        // Generous: returns as soon as the condition holds, and a busy machine can delay a process for seconds.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached within 60 s " + describe?.Invoke());
            Thread.Sleep(20);
        }
    }
}
