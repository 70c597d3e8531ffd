namespace Erofs.Runtime.Store;

public sealed partial class ObjectStore
{
    /// <summary>
    /// Publishes <paramref name="content"/> as <see cref="Publish"/> does, but only when the object of
    /// <paramref name="claimed"/> does not exist yet: then the content is neither opened nor read and null is
    /// returned. For work done speculatively (publishing ahead of a reader), which must not hash files
    /// whose objects exist; the lookup is made once, not once here and again in <see cref="Publish"/>.
    /// </summary>
    /// <exception cref="IOException">Reading the content or writing the store failed.</exception>
    public PublishResult? PublishNew(Fingerprint claimed, Func<Stream> content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (Contains(claimed))
            return null;
        using var stream = content();
        return Write(stream, claimed);
    }
}
