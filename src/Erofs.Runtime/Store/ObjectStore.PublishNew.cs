namespace Erofs.Runtime.Store;

public sealed partial class ObjectStore
{
    /// <summary>
    /// Publishes <paramref name="content"/> as <see cref="Publish"/> does, but only when no object of
    /// <paramref name="claimed"/> is there yet: otherwise the content is neither opened nor read and null is
    /// returned. For work done speculatively (publishing ahead of a reader), which must not hash files whose
    /// objects exist.
    /// </summary>
    /// <remarks>
    /// The look is one stat of <c>ab/cdef…</c> below <c>objects/</c> (the fan-out directory is not opened and
    /// checked, as <see cref="Contains"/> does): anything under that name counts as present, so a wrong answer
    /// only leaves the file to its own open, whose lease checks what is there; and a name that appears
    /// meanwhile is found when linking, as for any publisher.
    /// </remarks>
    /// <exception cref="IOException">Reading the content or writing the store failed.</exception>
    public PublishResult? PublishNew(Fingerprint claimed, Func<Stream> content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (_pending.Contains(claimed) || _objects.StatEntryOrNull(Fan(claimed) + "/" + Name(claimed)) is not null)
            return null;
        using var stream = content();
        return Write(stream, claimed);
    }
}
