using Erofs.Building.Compressed;
using Erofs.Building.Compressing;
using Erofs.Building.Source;
using Erofs.Format;
using Erofs.Reading;

namespace Erofs.Building.Layout;

/// <summary>
/// One inode of the image being built: filled in stage by stage (tree, xattrs, shape, placement,
/// data) and finally serialized.
/// </summary>
internal sealed class InodePlan(SourceNode node, string path)
{
    public SourceNode Node { get; } = node;
    /// <summary>Path from the source root ("/" for the root), for error messages.</summary>
    public string Path { get; } = path;
    public FileKind Kind => Node.Kind;
    /// <summary>The content of a file that has a size but no data to read or write, or null.</summary>
    public SizeOnlyContent? SizeOnly => Node.Content as SizeOnlyContent;
    /// <summary>The packed inode (fragments): linked from no directory, recorded in the superblock.</summary>
    public bool IsPackedInode { get; init; }

    // Stage 1: tree (TreeFlattener)
    public uint Ino { get; set; }
    public InodePlan? Parent { get; set; }
    public List<DirectoryChild> Children { get; } = [];
    public uint Nlink { get; set; }
    public uint Uid { get; set; }
    public uint Gid { get; set; }
    public long MtimeSeconds { get; set; }
    public uint MtimeNanoseconds { get; set; }
    public ulong Size { get; set; }

    // Stage 2: xattrs (XattrPlanner)
    public XattrBody? Xattrs { get; set; }
    public int XattrSize => Xattrs?.Size ?? 0;

    // Stage 3: shape (ShapePlanner)
    public bool Extended { get; set; }
    public InodeLayout Layout { get; set; }
    /// <summary>Bytes stored inline after the inode (FLAT_INLINE tail).</summary>
    public int TailLength { get; set; }
    /// <summary>Whole blocks of data in the primary device (flat layouts).</summary>
    public long DataBlocks { get; set; }
    /// <summary>Chunk table, for chunk-based files.</summary>
    public ChunkTable? Chunks { get; set; }
    /// <summary>Sizes of each directory block (the last may be the inline tail).</summary>
    public DirectoryShape? Directory { get; set; }
    /// <summary>The file after compression (set before shaping; cleared when it is stored uncompressed after all).</summary>
    public CompressedFile? Compressed { get; set; }
    /// <summary>Index format of a compressed file.</summary>
    public ZIndexFormat? ZFormat { get; set; }
    /// <summary>Bytes of a compressed file's map header and indexes.</summary>
    public int ZIndexBytes { get; set; }

    // Stage 4: placement (MetadataAllocator, DataAllocator)
    public long MetaOffset { get; set; } = -1;
    public ulong Nid { get; set; }
    /// <summary>First data block (unified address space), or null address when there are none.</summary>
    public ulong StartBlock { get; set; } = ChunkFormat.NullAddress;

    // Stage 5: data
    /// <summary>SHA-256 of the content, when fingerprints are written.</summary>
    public byte[]? Fingerprint { get; set; }

    public int InodeSize => Extended ? InodeFields.ExtendedSize : InodeFields.CompactSize;
    /// <summary>Bytes of inode, xattrs and chunk table before the inline tail.</summary>
    public int HeadSize => Chunks is { } c ? c.TableOffset(InodeSize + XattrSize) + c.TableSize
        : ZFormat is not null ? ZIndexSize.HeaderOffset(InodeSize + XattrSize) + ZIndexBytes
        : InodeSize + XattrSize;
    /// <summary>Bytes this inode occupies in metadata.</summary>
    public int MetaSize => HeadSize + TailLength;
    /// <summary>Absolute offset of the inline tail.</summary>
    public long TailOffset => MetaOffset + HeadSize;
}

/// <summary>A directory entry of the image being built.</summary>
internal readonly record struct DirectoryChild(byte[] Name, InodePlan Inode);
