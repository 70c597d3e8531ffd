namespace Erofs.Fuse.Protocol;

/// <summary>
/// Where a request's reply goes: the device descriptor it was read from, because the kernel looks a
/// reply up only among the requests read on that descriptor (cloned ones keep separate lists).
/// </summary>
internal interface IReplySink
{
    /// <summary>Writes one whole reply; returns 0 or errno (ENOENT: the request is gone; ENODEV: the connection is).</summary>
    int Write(ReadOnlySpan<byte> reply);
}
