using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Erofs.Building.Writing;

/// <summary>Parallel loops that fail with the first real error instead of an AggregateException.</summary>
internal static class Workers
{
    public static void ForEach<T>(IEnumerable<T> items, int threads, Action<T> body)
        => Run(() => Parallel.ForEach(items, new ParallelOptions { MaxDegreeOfParallelism = threads }, body));

    /// <summary>Items handed out as workers become free (for items of very different cost).</summary>
    public static void ForEach<T>(Partitioner<T> items, int threads, Action<T> body)
        => Run(() => Parallel.ForEach(items, new ParallelOptions { MaxDegreeOfParallelism = threads }, body));

    private static void Run(Action loop)
    {
        try
        {
            loop();
        }
        catch (AggregateException e)
        {
            var first = e.Flatten().InnerExceptions[0];
            ExceptionDispatchInfo.Capture(first).Throw();
        }
    }
}
