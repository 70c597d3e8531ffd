using System.Runtime.ExceptionServices;

namespace Erofs.Building.Writing;

/// <summary>Parallel loops that fail with the first real error instead of an AggregateException.</summary>
internal static class Workers
{
    public static void ForEach<T>(IEnumerable<T> items, int threads, Action<T> body)
    {
        try
        {
            Parallel.ForEach(items, new ParallelOptions { MaxDegreeOfParallelism = threads }, body);
        }
        catch (AggregateException e)
        {
            var first = e.Flatten().InnerExceptions[0];
            ExceptionDispatchInfo.Capture(first).Throw();
        }
    }
}
