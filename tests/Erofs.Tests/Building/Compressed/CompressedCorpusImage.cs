using Erofs.Compression;
using Erofs.Format;
using Erofs.Reading;
using Erofs.Reading.Compressed;
using Erofs.Storage;

namespace Erofs.Tests.Building.Compressed;

/// <summary>
/// A corpus image in memory with every compressed inode it holds (directory tree breadth-first, then
/// the packed inode and the metabox), each with the metadata space it lives in (the primary device, or the metabox
/// content read through the library).
/// </summary>
internal sealed class CompressedCorpusImage : IDisposable
{
    private readonly ErofsImage _image;
    private readonly MetadataSpace _primary;
    private readonly MetadataSpace? _metabox;

    /// <summary>Corpus image <paramref name="name"/> (without ".erofs").</summary>
    public CompressedCorpusImage(string name)
        : this(File.ReadAllBytes(Path.Combine(TestCorpus.Directory, name + ".erofs")))
    {
    }

    /// <summary>An image held in <paramref name="bytes"/>.</summary>
    public CompressedCorpusImage(byte[] bytes)
    {
        _image = ErofsImage.Open(new MemoryBlockSource(bytes));
        var sb = _image.Superblock;
        _primary = new PrimaryMetadataSpace(new MemoryBlockSource(bytes));
        if (_image.Metabox is { } box)
        {
            var content = new byte[box.Size];
            Assert.Equal(content.Length, _image.Read(box, 0, content));
            _metabox = new PrimaryMetadataSpace(new MemoryBlockSource(content));
        }
        Mapper = new CompressedMapper(sb, CompressionConfig.Read(sb, new MemoryBlockSource(bytes)), SpaceOf);
    }

    public CompressedMapper Mapper { get; }

    public int BlockBits => _image.Superblock.BlockSizeBits;

    public MetadataSpace SpaceOf(ulong nid) => (nid & InodeDecoder.MetaboxBit) == 0 ? _primary : _metabox!;

    public IEnumerable<DiskCompressedInode> CompressedInodes()
    {
        foreach (var inode in AllInodes())
        {
            if (inode.IsCompressed)
                yield return new DiskCompressedInode(inode, SpaceOf(inode.Nid), BlockBits);
        }
    }

    private IEnumerable<InodeInfo> AllInodes()
    {
        var seen = new HashSet<ulong> { _image.Root.Nid };
        var pending = new Queue<InodeInfo>([_image.Root]);
        while (pending.Count > 0)
        {
            var dir = pending.Dequeue();
            yield return dir;
            foreach (var entry in _image.ReadDirectory(dir))
            {
                if (entry.IsDotOrDotDot || !seen.Add(entry.Nid))
                    continue;
                var inode = _image.GetInode(entry.Nid);
                if (inode.Kind == FileKind.Directory)
                    pending.Enqueue(inode);
                else
                    yield return inode;
            }
        }
        if (_image.Superblock.PackedNid != 0 && (_image.Superblock.FeatureIncompat & FeatureIncompat.Fragments) != 0)
            yield return _image.GetInode(_image.Superblock.PackedNid);
        if (_image.Metabox is { } metabox)
            yield return metabox;
    }

    public void Dispose() => _image.Dispose();
}
