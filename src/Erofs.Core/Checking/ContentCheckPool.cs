using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Erofs.Reading;

namespace Erofs.Checking;

/// <summary>
/// Reads (and hashes) file contents on every core while the checker walks the tree on its own
/// thread: decompression dominates fsck --extract, and files are independent.
/// </summary>
internal sealed class ContentCheckPool : IDisposable
{
    private readonly BlockingCollection<(InodeInfo Inode, string Path)> _queue = new(boundedCapacity: 256);
    private readonly ConcurrentQueue<CheckIssue> _issues = new();
    private readonly Task[] _workers;
    private readonly ErofsImage _image;
    private readonly bool _verifyFingerprints;
    private ExceptionDispatchInfo? _failure;

    public ContentCheckPool(ErofsImage image, bool verifyFingerprints)
    {
        _image = image;
        _verifyFingerprints = verifyFingerprints;
        _workers = Enumerable.Range(0, Environment.ProcessorCount).Select(_ => Task.Run(Work)).ToArray();
    }

    public void Add(InodeInfo inode, string path) => _queue.Add((inode, path));

    /// <summary>Waits for every queued file; rethrows the first I/O failure of the image itself.</summary>
    public IReadOnlyCollection<CheckIssue> Complete()
    {
        _queue.CompleteAdding();
        Task.WaitAll(_workers);
        _failure?.Throw();
        return _issues;
    }

    private void Work()
    {
        var buffer = new byte[1 << 20];
        foreach (var (inode, path) in _queue.GetConsumingEnumerable())
        {
            if (Volatile.Read(ref _failure) is not null)
                continue; // keep draining so the walk never blocks on a full queue
            try
            {
                new FileContentCheck(_image, inode).Run(_verifyFingerprints, buffer);
            }
            catch (Exception e) when (ImageWalkOptions.IsContentError(e))
            {
                _issues.Enqueue(CheckIssue.Of(path, inode.Nid, e));
            }
            catch (Exception e)
            {
                // An I/O failure of the image itself: rethrown by Complete, as the sequential walk would.
                Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(e), null);
            }
        }
    }

    public void Dispose() => _queue.Dispose();
}
