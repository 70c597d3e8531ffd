namespace Erofs.Runtime.Store;

/// <summary>What <see cref="ObjectStore.Gc"/> did.</summary>
/// <param name="Removed">Objects removed.</param>
/// <param name="RemovedBytes">Their bytes.</param>
/// <param name="Kept">Objects left.</param>
/// <param name="KeptBytes">Their bytes.</param>
/// <param name="InUse">Candidates skipped because a lease held them (or one was taken while gc looked).</param>
/// <param name="TempFilesRemoved">Abandoned named temp files (left by older versions whose writer died) removed from <c>tmp/</c>.</param>
public sealed record GcResult(int Removed, long RemovedBytes, int Kept, long KeptBytes, int InUse, int TempFilesRemoved)
{
    /// <summary>Entries removed from <c>quarantine/</c>.</summary>
    public int QuarantinedRemoved { get; init; }

    /// <summary>Last-use records whose object was gone.</summary>
    public int UseRecordsRemoved { get; init; }

    /// <summary>Verification records whose image file is gone or changed.</summary>
    public int VerificationLogsRemoved { get; init; }

    /// <summary>Unmounted metadata images removed (stale, or pointing at a removed object).</summary>
    public int MetadataImagesRemoved { get; init; }
}
