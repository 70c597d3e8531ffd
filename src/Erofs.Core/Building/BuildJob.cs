using System.Buffers;
using System.Buffers.Binary;
using Erofs.Building.Compressing;
using Erofs.Building.Layout;
using Erofs.Building.Writing;
using Erofs.Format;
using Erofs.Reading;

namespace Erofs.Building;

/// <summary>
/// The writing half of a build: data blocks (parallel), then inodes, the header area and the
/// superblock into an in-memory metadata area that is written last.
/// </summary>
internal sealed class BuildJob
{
    private readonly BuildOptions _options;
    private readonly List<InodePlan> _inodes;
    private readonly OutputFile _output;
    private readonly OutputFile? _blob;
    private readonly byte[] _meta;
    private readonly int _blockSize;
    private readonly int _threads;
    private readonly CompressionSetup? _compression;
    private readonly PclusterSpool? _spool;

    public BuildJob(BuildOptions options, List<InodePlan> inodes, OutputFile output, OutputFile? blob, long metaEnd,
        CompressionSetup? compression = null, PclusterSpool? spool = null)
    {
        _compression = compression;
        _spool = spool;
        _options = options;
        _inodes = inodes;
        _output = output;
        _blob = blob;
        _blockSize = options.BlockSize;
        _threads = options.Threads > 0 ? options.Threads : Environment.ProcessorCount;
        long metaBytes = ChunkMapper.AlignUp(metaEnd, _blockSize);
        if (metaBytes > Array.MaxLength)
            throw new NotSupportedException($"metadata of {metaBytes} bytes is more than this builder holds in memory");
        _meta = new byte[metaBytes];
    }

    public ulong BlobBlocks { get; private set; }

    /// <summary>Assigns data blocks and writes all file, symlink and directory data; returns the primary block count.</summary>
    public ulong WriteData()
    {
        ulong cursor = (ulong)(_meta.Length / _blockSize);
        foreach (var inode in _inodes)
        {
            if (inode.Chunks is not null || inode.Kind is not (FileKind.Regular or FileKind.Directory or FileKind.Symlink))
                continue;
            if (inode.ZFormat is not null)
            {
                // Compact indexes count from here even when the file has no blocks of its own.
                inode.StartBlock = cursor;
                inode.Compressed!.FirstBlock = checked((uint)cursor);
                cursor += (ulong)inode.DataBlocks;
            }
            else if (inode.DataBlocks > 0)
            {
                inode.StartBlock = cursor;
                cursor += (ulong)inode.DataBlocks;
            }
            else if (inode.Layout == InodeLayout.FlatInline)
                inode.StartBlock = ChunkFormat.NullAddress;
        }
        bool fingerprints = _options.FingerprintXattrName is not null;
        var flat = new FlatDataWriter(_output, _meta, _blockSize, fingerprints);
        var chunked = new ChunkedDataWriter(_blockSize, fingerprints);
        Workers.ForEach(_inodes, _threads,
            inode => WriteOne(inode, flat, chunked, fingerprints));
        cursor = PlaceChunks(chunked, cursor);
        if (_options.IndexedArchivePath is { } archive)
        {
            foreach (var inode in _inodes.Where(i => i.Kind == FileKind.Regular && i.Size > 0 && i.SizeOnly is null))
                ArchiveAddressing.Assign(inode, cursor, _blockSize);
            BlobBlocks = (ulong)((new FileInfo(archive).Length + _blockSize - 1) / _blockSize);
        }
        return cursor;
    }

    private void WriteOne(InodePlan inode, FlatDataWriter flat, ChunkedDataWriter chunked, bool fingerprints)
    {
        if (inode.Kind == FileKind.Directory)
        {
            DirectoryWriter.Write(inode, _blockSize, _meta, _output);
            return;
        }
        if (inode.Kind == FileKind.Symlink)
        {
            flat.WriteSymlink(inode);
            return;
        }
        if (inode.Kind != FileKind.Regular || inode.Size == 0)
            return;
        if (inode.SizeOnly is { } sizeOnly)
        {
            // Nothing to copy or hash: the fingerprint is the digest the source already knows.
            if (fingerprints)
                inode.Fingerprint = sizeOnly.Sha256;
            return;
        }
        byte[] buffer = ArrayPool<byte>.Shared.Rent(ContentReading.PieceSize);
        try
        {
            if (inode.ZFormat is not null)
            {
                CompressedDataWriter.Write(inode, _spool!, _output, _blockSize);
                if (fingerprints && !inode.IsPackedInode)
                    FlatDataWriter.HashOnly(inode, buffer);
            }
            else if (_options.IndexedArchivePath is not null)
            {
                if (fingerprints)
                    FlatDataWriter.HashOnly(inode, buffer);
            }
            else if (inode.Chunks is not null)
                chunked.Hash(inode, buffer);
            else
                flat.WriteFile(inode, buffer);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private ulong PlaceChunks(ChunkedDataWriter chunked, ulong cursor)
    {
        if (_options.IndexedArchivePath is not null)
            return cursor;
        var files = _inodes.Where(i => i.Chunks is not null && i.SizeOnly is null).ToList();
        if (files.Count == 0)
            return cursor;
        if (_blob is not null)
        {
            BlobBlocks = chunked.Assign(files, 0, 1, cursor);
            chunked.Copy(_blob, _threads);
            return cursor;
        }
        ulong end = chunked.Assign(files, cursor, 0, 0);
        chunked.Copy(_output, _threads);
        return end;
    }

    /// <summary>Writes inodes, shared xattrs, prefixes, the device table and the superblock, then the whole metadata area.</summary>
    public void WriteMetadata(XattrPlan xattrs, HeaderLayout header, ImageTime time, ulong blocks)
    {
        Workers.ForEach(_inodes, _threads,
            inode => InodeWriter.Write(_meta, inode));
        if (_compression is not null)
            ConfigRecordsWriter.Encode(_compression.Config, HeaderLayout.RecordsStart).CopyTo(_meta.AsSpan((int)HeaderLayout.RecordsStart));
        HeaderWriter.WriteShared(_meta, xattrs, header.SharedAreaStart);
        HeaderWriter.WritePrefixes(_meta, xattrs.Naming, header.PrefixTableStart);
        bool devices = _blob is not null || _options.IndexedArchivePath is not null;
        if (devices)
            HeaderWriter.WriteDevice(_meta, header.DeviceTableStart, BlobBlocks, blocks);
        SuperblockWriter.Write(_meta, Fields(xattrs, header, time, blocks, devices), _options.SuperblockChecksum);
        _output.Write(0, _meta);
    }

    private SuperblockFields Fields(XattrPlan xattrs, HeaderLayout header, ImageTime time, ulong blocks, bool devices)
    {
        bool prefixes = xattrs.Naming.Prefixes.Count > 0;
        var compat = FeatureCompat.Mtime
            | (_inodes.Any(i => i.Xattrs is { NameFilter: not 0 }) ? FeatureCompat.XattrFilter : 0)
            | (prefixes ? FeatureCompat.PlainXattrPrefixes : 0)
            | (xattrs.FingerprintPrefixId >= 0 ? FeatureCompat.IshareXattrs : 0);
        var incompat = (_inodes.Any(i => i.Chunks is not null) ? FeatureIncompat.ChunkedFile : 0)
            | (devices ? FeatureIncompat.DeviceTable : 0)
            | (prefixes ? FeatureIncompat.XattrPrefixes : 0)
            | CompressionFeatures();
        return new SuperblockFields
        {
            BlockSizeBits = _options.BlockSizeBits,
            Compat = compat,
            Incompat = incompat,
            RootNid = _inodes[0].Nid,
            InodeCount = (ulong)_inodes.Count,
            EpochSeconds = time.Seconds,
            FixedNanoseconds = time.Nanoseconds,
            Blocks = blocks,
            XattrBlock = xattrs.Shared.Count > 0 ? (uint)xattrs.SharedBlock : 0,
            Uuid = _options.Uuid ?? Guid.NewGuid().ToByteArray(),
            VolumeName = LabelBytes(_options.Label),
            ExtraDevices = (ushort)(devices ? 1 : 0),
            DeviceTableSlot = (ushort)(devices ? header.DeviceTableStart / DeviceSlot.Size : 0),
            XattrPrefixCount = (byte)xattrs.Naming.Prefixes.Count,
            XattrPrefixStart = prefixes ? (uint)(header.PrefixTableStart / 4) : 0,
            FingerprintPrefixId = (byte)Math.Max(0, xattrs.FingerprintPrefixId),
            PackedNid = _inodes.FirstOrDefault(i => i.IsPackedInode)?.Nid ?? 0,
            U1 = _compression is null ? (ushort)0 : ConfigRecordsWriter.U1(_compression.Config),
        };
    }

    /// <summary>0padding on every compressed image (even one whose files all ended up flat), records, inline tails.</summary>
    private FeatureIncompat CompressionFeatures()
    {
        if (_compression is null)
            return 0;
        return FeatureIncompat.ZeroPadding
            | (_compression.HasConfigRecords ? FeatureIncompat.ComprCfgs : 0)
            | (_inodes.Any(i => i.ZFormat is not null && i.TailLength > 0) ? FeatureIncompat.Ztailpacking : 0)
            | (_inodes.Any(i => i.Compressed is { HasSharedExtents: true } || i.IsPackedInode) ? FeatureIncompat.Fragments : 0);
    }

    private static byte[] LabelBytes(string label)
    {
        var bytes = new byte[16];
        System.Text.Encoding.UTF8.GetBytes(label, bytes);
        return bytes;
    }
}
