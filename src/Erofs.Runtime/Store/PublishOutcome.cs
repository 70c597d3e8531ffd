namespace Erofs.Runtime.Store;

/// <summary>What <see cref="ObjectStore.Publish"/> did.</summary>
public enum PublishOutcome
{
    /// <summary>The content matched and this call created the object.</summary>
    Published,

    /// <summary>The content matched and the object already existed (or a concurrent publisher won).</summary>
    AlreadyPresent,

    /// <summary>The content does not match the claimed fingerprint: nothing was published.</summary>
    Mismatch,
}
