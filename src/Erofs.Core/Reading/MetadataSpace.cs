namespace Erofs.Reading;

/// <summary>
/// Where inodes and their trailing metadata live: the primary device (byte addresses) or the
/// content of the metabox inode (positions inside its data).
/// </summary>
internal abstract class MetadataSpace
{
    /// <summary>Fills <paramref name="buffer"/> from <paramref name="position"/> or throws ErofsContentException.</summary>
    public abstract void Read(long position, Span<byte> buffer, ulong nid);

    /// <summary>Size of the space in bytes.</summary>
    public abstract long Length { get; }
}

/// <summary>Metadata read directly from the primary device.</summary>
internal sealed class PrimaryMetadataSpace(Storage.IBlockSource primary) : MetadataSpace
{
    public override long Length => primary.Length;

    public override void Read(long position, Span<byte> buffer, ulong nid)
    {
        if (position < 0 || position > primary.Length || buffer.Length > primary.Length - position)
            throw new ErofsContentException($"metadata read of {buffer.Length} bytes lies outside the image", nid, position);
        primary.Read(position, buffer);
    }
}

/// <summary>Metadata read from the content of a special inode (the metabox, or the packed inode for prefixes).</summary>
internal sealed class InodeContentSpace(DataReader data, InodeInfo metabox) : MetadataSpace
{
    public override long Length => (long)metabox.Size;

    public override void Read(long position, Span<byte> buffer, ulong nid)
    {
        if (position < 0 || (ulong)position > metabox.Size || (ulong)buffer.Length > metabox.Size - (ulong)position)
            throw new ErofsContentException($"metadata read of {buffer.Length} bytes lies outside special inode {metabox.Nid} ({metabox.Size} bytes)", nid, position);
        int n = data.Read(metabox, position, buffer);
        if (n != buffer.Length)
            throw new ErofsContentException("short read from a special inode", nid, position);
    }
}
