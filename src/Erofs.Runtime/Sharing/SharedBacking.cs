using Erofs.Runtime.Store;

namespace Erofs.Runtime.Sharing;

/// <summary>
/// An object in use by a mount: its lease (the shared lock gc respects) and the passthrough backing id
/// registered from the lease's descriptor. Disposing drops the registration, then the lease (recording
/// the last use unless <see cref="BecameIdle"/> did).
/// </summary>
internal sealed class SharedBacking(ObjectLease lease, int backingId, IBackingFiles backing) : IDisposable
{
    public ObjectLease Lease => lease;

    public int BackingId => backingId;

    /// <summary>The last open file using it went away: the last use is now, whenever the lease ends.</summary>
    public void BecameIdle() => lease.RecordUse();

    public void Dispose()
    {
        try
        {
            backing.Close(backingId);
        }
        catch (IOException)
        {
            // The connection is gone (unmounted or aborted): the kernel dropped its registrations itself.
        }
        finally
        {
            lease.Dispose();
        }
    }
}
