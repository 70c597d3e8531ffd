using System.Runtime.ExceptionServices;

namespace Erofs.Building.Scanning;

/// <summary>
/// A queue of work items that items themselves add to (each directory adds its
/// subdirectories), drained by a fixed number of threads. The first exception stops every
/// worker and is rethrown by <see cref="Run"/>.
/// </summary>
internal sealed class ScanWorkQueue<T>
{
    private readonly Queue<T> _items = new();
    private readonly object _gate = new();
    private int _pending; // added but not yet finished; zero with an empty queue means done
    private ExceptionDispatchInfo? _failure;

    /// <summary>Adds an item; safe from any worker.</summary>
    internal void Add(T item)
    {
        lock (_gate)
        {
            _items.Enqueue(item);
            _pending++;
            Monitor.Pulse(_gate);
        }
    }

    /// <summary>
    /// Processes items until none is left, on the calling thread and <paramref name="workerCount"/>
    /// − 1 more; <paramref name="createWorker"/> runs once on each thread, so a worker may keep
    /// per-thread buffers.
    /// </summary>
    internal void Run(int workerCount, Func<Action<T>> createWorker)
    {
        var threads = new Thread[workerCount - 1];
        for (int i = 0; i < threads.Length; i++)
        {
            threads[i] = new Thread(() => Drain(createWorker)) { IsBackground = true, Name = "erofs-scan" };
            threads[i].Start();
        }
        Drain(createWorker);
        foreach (var thread in threads)
            thread.Join();
        _failure?.Throw();
    }

    private void Drain(Func<Action<T>> createWorker)
    {
        Action<T> process;
        try
        {
            process = createWorker();
        }
        catch (Exception e)
        {
            Fail(e);
            return;
        }
        while (TryTake(out var item))
        {
            try
            {
                process(item);
            }
            catch (Exception e)
            {
                Fail(e);
            }
            finally
            {
                Finish();
            }
        }
    }

    private bool TryTake(out T item)
    {
        lock (_gate)
        {
            while (_items.Count == 0 && _pending > 0 && _failure is null)
                Monitor.Wait(_gate);
            if (_failure is not null || _items.Count == 0)
            {
                item = default!;
                return false;
            }
            item = _items.Dequeue();
            return true;
        }
    }

    private void Finish()
    {
        lock (_gate)
        {
            if (--_pending == 0)
                Monitor.PulseAll(_gate);
        }
    }

    private void Fail(Exception e)
    {
        lock (_gate)
        {
            _failure ??= ExceptionDispatchInfo.Capture(e);
            Monitor.PulseAll(_gate);
        }
    }
}
