using System.Runtime.ExceptionServices;
using Erofs.Reading;

namespace Erofs.Tests.Corruption;

/// <summary>Runs work with a deadline: a hang check for hostile inputs, not a speed assertion.</summary>
internal static class Bounded
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Runs <paramref name="work"/> on the thread pool; its exception surfaces unchanged; a hang fails.</summary>
    public static T Run<T>(Func<T> work, string? what = null, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var task = Task.Run(work);
        try
        {
            if (!task.Wait(limit))
                throw new TimeoutException($"{what ?? "work"} did not finish within {limit.TotalSeconds} s (hang on hostile input?)");
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            ExceptionDispatchInfo.Capture(e.InnerException!).Throw();
        }
        return task.Result;
    }

    /// <summary>Runs <paramref name="work"/> under the deadline.</summary>
    public static void Run(Action work, string? what = null) => Run(() => { work(); return 0; }, what);

    /// <summary>Walks an image under the deadline; exceptions of disallowed types surface unchanged.</summary>
    public static WalkReport Walk(HostileImage image, ReadOptions? options = null, bool thorough = true) =>
        Run(() => ImageWalk.Run(image, options, thorough), $"walk of patched {image.Name}");
}
