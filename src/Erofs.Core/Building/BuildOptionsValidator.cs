namespace Erofs.Building;

/// <summary>Rejects option combinations that cannot make a valid image, before anything is written.</summary>
internal static class BuildOptionsValidator
{
    public static void Validate(BuildOptions o)
    {
        if (o.BlockSizeBits is < 9 or > 12)
            throw new ArgumentException($"block size {o.BlockSize} is not supported (512 to 4096, a power of two)");
        if (o.ChunkSize != 0 && (o.ChunkSize < o.BlockSize || (o.ChunkSize & (o.ChunkSize - 1)) != 0 || o.ChunkSize > 1L << 30))
            throw new ArgumentException($"chunk size {o.ChunkSize} must be a power of two from the block size to 1 GiB");
        if (o.BlobDevicePath is not null && o.ChunkSize == 0)
            throw new ArgumentException("a blob device needs a chunk size (--chunksize)");
        if (o.IndexedArchivePath is not null && (o.BlobDevicePath is not null || o.ChunkSize != 0))
            throw new ArgumentException("index mode (--tar=i) cannot be combined with --blobdev or --chunksize");
        if (o.Uuid is { Length: not 16 })
            throw new ArgumentException("a UUID has 16 bytes");
        if (System.Text.Encoding.UTF8.GetByteCount(o.Label) > 16)
            throw new ArgumentException($"volume label '{o.Label}' is longer than 16 bytes");
        if (o.Compression is not null && (o.ChunkSize != 0 || o.IndexedArchivePath is not null))
            throw new ArgumentException("compression cannot be combined with --chunksize, --blobdev or index mode (--tar=i)");
        if (o.FingerprintXattrName is { Length: 0 })
            throw new ArgumentException("the fingerprint xattr name is empty");
    }
}
