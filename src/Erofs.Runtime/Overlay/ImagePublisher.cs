using Erofs.Reading;
using Erofs.Runtime.Store;

namespace Erofs.Runtime.Overlay;

/// <summary>
/// Makes every non-empty regular file of an image an object of the store, before an overlay mount (the
/// kernel cannot publish lazily): fingerprinted files are hashed and checked once per image version
/// (the verification records, shared with the FUSE backend) unless trusted and present; a file without a
/// fingerprint, or whose content does not match it, becomes the object of its own content (a mismatch is
/// logged and recorded). Files are read on all cores, through the image's own (uncached) source.
/// </summary>
public static class ImagePublisher
{
    /// <summary>
    /// Publishes the image's files and returns, for each (by nid), the object holding its content. Call
    /// <see cref="ObjectStore.Flush"/> (or <see cref="ObjectStore.AddMetadataImage"/>) before relying on them.
    /// </summary>
    /// <param name="image">The image, opened as the mount would open it (devices included).</param>
    /// <param name="identity">The image version (keys the verification records).</param>
    /// <param name="store">The domain's store.</param>
    /// <param name="trustFingerprints">Take a fingerprint whose object exists without hashing the file.</param>
    /// <param name="log">Hears of every mismatch (one line naming the nid and path; the caller adds which image).</param>
    /// <param name="progress">Told (files done, files in all) as files finish.</param>
    /// <exception cref="IOException">The store cannot be written (ENOSPC...) or the image read.</exception>
    /// <exception cref="ErofsContentException">The image is damaged.</exception>
    public static PublishedImage Publish(ErofsImage image, ImageIdentity identity, ObjectStore store, bool trustFingerprints,
        Action<string>? log = null, Action<long, long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(store);
        var files = MetadataWalk.RegularFiles(image).Where(f => f.Inode.Size > 0).Select(f => (f.Inode, f.Path)).ToList();
        var result = new PublishedImage(files.Count);
        long done = 0;
        try
        {
            Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, file =>
            {
                result.Add(file.Inode.Nid, ObjectOf(file.Inode, file.Path, image, identity, store, trustFingerprints, log, result));
                progress?.Invoke(Interlocked.Increment(ref done), files.Count);
            });
        }
        catch (AggregateException e)
        {
            // One failure is the story (a full disk fails every task alike): rethrow it as it was thrown.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
        return result;
    }

    private static Fingerprint ObjectOf(InodeInfo inode, string path, ErofsImage image, ImageIdentity identity, ObjectStore store,
        bool trust, Action<string>? log, PublishedImage counts)
    {
        var claim = Claim(image, inode, path, log);
        if (claim is { } c)
        {
            if ((trust || store.CheckVerified(identity, inode.Nid, c) == VerificationState.Matched) && store.Contains(c))
                return c;
        }
        else if (store.KnownFingerprint(identity, inode.Nid) is { } known && store.Contains(known))
        {
            return known;
        }
        counts.CountHashed((long)inode.Size);
        PublishResult published;
        using (var content = image.OpenRead(inode))
            published = claim is { } claimed ? store.Publish(content, claimed) : store.PublishOwn(content);
        if (!published.Matched)
        {
            counts.CountMismatch();
            log?.Invoke($"nid {inode.Nid} ({path}): content does not match its fingerprint {published.Claimed} (its content is {published.Actual}); it reads its own content");
            store.RecordVerified(identity, inode.Nid, published.Claimed, matched: false);
            using var content = image.OpenRead(inode);
            published = store.PublishOwn(content);
        }
        if (published.Outcome == PublishOutcome.Published)
            counts.CountPublished();
        store.RecordVerified(identity, inode.Nid, published.Actual, matched: true);
        return published.Actual;
    }

    // A malformed fingerprint is no claim at all: the file is published under its own content.
    private static Fingerprint? Claim(ErofsImage image, InodeInfo inode, string path, Action<string>? log)
    {
        if (image.GetFingerprint(inode) is not { } value)
            return null;
        try
        {
            return Fingerprint.FromXattrValue(value);
        }
        catch (ArgumentException e)
        {
            log?.Invoke($"nid {inode.Nid} ({path}): {e.Message}; published under its own content");
            return null;
        }
    }
}
