using Erofs.Runtime.Interop;
using Microsoft.Win32.SafeHandles;

namespace Erofs.Runtime.Store;

public sealed partial class ObjectStore
{
    /// <summary>
    /// Objects written and checked but not linked yet. A background thread links them in batches, after one
    /// syncfs per batch instead of one fsync per object (a first read of 50,000 small files would otherwise
    /// wait for 50,000 flushes). A batch is bounded in count and age; a publisher that finds the queue full
    /// waits for the next batch, so descriptors held here stay bounded.
    /// </summary>
    private sealed class PendingLinks(ObjectStore store) : IDisposable
    {
        private const int MaxBatch = 256;
        private static readonly TimeSpan MaxAge = TimeSpan.FromMilliseconds(50);

        private readonly object _lock = new();
        private readonly Dictionary<Fingerprint, SafeFileHandle> _waiting = [];
        private Thread? _linker;
        private long _added, _done;
        private IOException? _failure;
        private bool _disposed;
        private bool _hurry;

        public bool Contains(Fingerprint fingerprint)
        {
            lock (_lock)
                return _waiting.ContainsKey(fingerprint);
        }

        /// <summary>Queues <paramref name="file"/> (the written object's descriptor, now owned here) for linking.</summary>
        public PublishOutcome Add(Fingerprint fingerprint, SafeFileHandle file)
        {
            lock (_lock)
            {
                if (_waiting.ContainsKey(fingerprint))
                {
                    file.Dispose();
                    return PublishOutcome.AlreadyPresent;
                }
                while (_waiting.Count >= 2 * MaxBatch && !_disposed)
                    Monitor.Wait(_lock);
                if (_disposed)
                {
                    file.Dispose();
                    throw new ObjectDisposedException(nameof(PendingLinks));
                }
                _waiting.Add(fingerprint, file);
                _added++;
                _linker ??= StartLinker();
                // The linker waits for a first object, then for a full batch (or its age): waking it at every
                // other object would cost a context switch per publication for nothing.
                if (_waiting.Count == 1 || _waiting.Count == MaxBatch)
                    Monitor.PulseAll(_lock);
                return PublishOutcome.Published;
            }
        }

        /// <summary>A new read-only descriptor of the waiting object, or null when none waits.</summary>
        public SafeFileHandle? OpenOrNull(Fingerprint fingerprint)
        {
            SafeFileHandle? file;
            bool held = false;
            lock (_lock)
            {
                // Held (not closed by the linker meanwhile) rather than reopened under the lock, which every
                // publisher and the linker wait for.
                if (_waiting.TryGetValue(fingerprint, out file))
                    file.DangerousAddRef(ref held);
            }
            if (!held)
                return null;
            try
            {
                return Reopen(file!, Libc.ORdOnly, fingerprint);
            }
            finally
            {
                file!.DangerousRelease();
            }
        }

        /// <summary>Waits until everything queued before this call is linked.</summary>
        public void Flush()
        {
            lock (_lock)
            {
                long target = _added;
                _hurry = true;
                Monitor.PulseAll(_lock);
                while (_done < target && _failure is null)
                    Monitor.Wait(_lock);
                if (_failure is { } failure)
                {
                    _failure = null;
                    throw new IOException(failure.Message, failure);
                }
            }
        }

        public void Dispose()
        {
            Thread? linker;
            lock (_lock)
            {
                _disposed = true;
                linker = _linker;
                Monitor.PulseAll(_lock);
            }
            linker?.Join();
        }

        private Thread StartLinker()
        {
            var thread = new Thread(Run) { IsBackground = true, Name = "store links" };
            thread.Start();
            return thread;
        }

        private void Run()
        {
            while (TakeBatch() is { Count: > 0 } batch)
            {
                try
                {
                    store.Link(batch);
                }
                catch (IOException e)
                {
                    // Not linked: the objects stay private to their leases; the next publication tries again.
                    store._log?.Invoke($"store: {e.Message}: {batch.Count} objects not linked");
                    lock (_lock)
                        _failure = e;
                }
                lock (_lock)
                {
                    foreach (var (fingerprint, _) in batch)
                        _waiting.Remove(fingerprint);
                    _done += batch.Count;
                    Monitor.PulseAll(_lock);
                }
                // Closed outside the lock: no longer findable, and a lease taken meanwhile holds its own reference.
                foreach (var (_, file) in batch)
                    file.Dispose();
            }
        }

        // Waits for work, then for the batch to fill or age; empty once disposed with nothing left.
        private List<(Fingerprint, SafeFileHandle)>? TakeBatch()
        {
            lock (_lock)
            {
                while (_waiting.Count == 0)
                {
                    if (_disposed)
                        return null;
                    Monitor.Wait(_lock);
                }
                var deadline = DateTime.UtcNow + MaxAge;
                while (_waiting.Count < MaxBatch && !_disposed && !_hurry && deadline - DateTime.UtcNow is { Ticks: > 0 } left)
                    Monitor.Wait(_lock, left);
                if (_waiting.Count <= MaxBatch)
                    _hurry = false;
                return _waiting.Take(MaxBatch).Select(w => (w.Key, w.Value)).ToList();
            }
        }
    }
}
