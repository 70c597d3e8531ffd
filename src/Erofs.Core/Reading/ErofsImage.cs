using System.Text;
using Erofs.Format;
using Erofs.Storage;

namespace Erofs.Reading;

/// <summary>
/// An open EROFS image: superblock, inodes, directories, file data and xattrs.
/// Thread-safe: every read is positional, nothing shares a stream position.
/// </summary>
public sealed class ErofsImage : IDisposable
{
    private readonly DeviceSet _devices;
    private readonly DataReader _data;
    private readonly InodeDecoder _decoder;
    private readonly DirectoryReader _directories;
    private readonly XattrReader _xattrs;
    private readonly Lazy<XattrLongPrefix[]> _prefixes;
    private readonly MetadataSpace _primaryMeta;
    private readonly Lazy<InodeInfo?> _packed;

    private ErofsImage(Superblock sb, DeviceSet devices, ReadOptions options)
    {
        Superblock = sb;
        Options = options;
        _devices = devices;
        _primaryMeta = new CachedMetadataSpace(new PrimaryMetadataSpace(devices.Primary), sb.BlockSizeBits);
        _packed = new Lazy<InodeInfo?>(() => sb.PackedNid == 0 ? null : GetInode(sb.PackedNid));
        _data = new DataReader(devices, _primaryMeta, sb, options, () => _packed.Value);
        _decoder = new InodeDecoder(sb);
        _directories = new DirectoryReader(_data, sb.BlockSize, options.Limits.EffectiveMaxNameLength);
        _prefixes = new Lazy<XattrLongPrefix[]>(() => XattrPrefixTable.Load(sb, PrefixSpace()));
        _xattrs = new XattrReader(sb, _data, () => _prefixes.Value, options.Limits);
    }

    /// <summary>The decoded superblock.</summary>
    public Superblock Superblock { get; }

    /// <summary>The options the image was opened with.</summary>
    public ReadOptions Options { get; }

    /// <summary>Block size in bytes.</summary>
    public int BlockSize => Superblock.BlockSize;

    /// <summary>The device table (empty when the image has no extra devices).</summary>
    public IReadOnlyList<DeviceSlot> Devices => _devices.Slots;

    /// <summary>The metabox inode, when the image has one.</summary>
    public InodeInfo? Metabox { get; private set; }

    /// <summary>The root directory.</summary>
    public InodeInfo Root { get; private set; } = null!;

    /// <summary>Opens an image file; extra devices come from <see cref="ReadOptions.DevicePaths"/>.</summary>
    public static ErofsImage Open(string path, ReadOptions? options = null) => Open(new FileBlockSource(path), options);

    /// <summary>Opens an image from a block source, which the image then owns.</summary>
    public static ErofsImage Open(IBlockSource source, ReadOptions? options = null)
    {
        options ??= new ReadOptions();
        var extras = new List<IBlockSource>();
        try
        {
            var sb = ReadSuperblock(source, options);
            var slots = DeviceTable.Read(sb, source);
            extras.AddRange(DeviceTable.OpenExtraDevices(slots, options));
            var devices = new DeviceSet(source, slots, DeviceTable.Pad(extras, slots.Length), sb.BlockSizeBits);
            var image = new ErofsImage(sb, devices, options);
            image.LoadRoot();
            return image;
        }
        catch
        {
            // The image owns every source it was given, also when opening fails.
            source.Dispose();
            foreach (var e in extras.Concat(options.Devices))
                e.Dispose();
            throw;
        }
    }

    private static Superblock ReadSuperblock(IBlockSource source, ReadOptions options)
    {
        if (source.Length < Superblock.Position + Superblock.ReadSize)
            throw new ErofsContentException($"image of {source.Length} bytes is too short to hold a superblock", offset: source.Length);
        var raw = new byte[Superblock.ReadSize];
        source.Read(Superblock.Position, raw);
        var sb = Superblock.Parse(raw);
        // As the kernel does: what sizes the checksum first, then the checksum, then everything else.
        SuperblockValidator.ValidateBasics(sb, source.Length, options);
        if (options.VerifySuperblockChecksum && (sb.FeatureCompat & FeatureCompat.SuperblockChecksum) != 0)
        {
            var covered = new byte[SuperblockChecksum.CoveredLength(sb.BlockSize)];
            source.Read(Superblock.Position, covered);
            uint actual = SuperblockChecksum.Compute(covered);
            if (actual != sb.Checksum)
                throw new ErofsContentException($"superblock checksum mismatch: stored 0x{sb.Checksum:x8}, computed 0x{actual:x8}", offset: Superblock.Position + Superblock.Offsets.Checksum);
        }
        SuperblockValidator.Validate(sb, source.Length, options);
        return sb;
    }

    private void LoadRoot()
    {
        if ((Superblock.FeatureIncompat & FeatureIncompat.Metabox) != 0)
        {
            Metabox = GetInode(Superblock.MetaboxNid);
            if (Metabox.Kind != FileKind.Regular)
                throw new ErofsContentException("the metabox inode is not a regular file", Metabox.Nid, Metabox.Location);
            _data.AttachMetabox(new CachedMetadataSpace(new InodeContentSpace(_data, Metabox), Superblock.BlockSizeBits));
        }
        Root = GetInode(Superblock.RootNid);
        if (Root.Kind != FileKind.Directory)
            throw new ErofsContentException("the root inode is not a directory", Root.Nid, Root.Location);
    }

    // The long prefix table lives in the metabox, else in the packed inode, unless marked plain.
    private MetadataSpace PrefixSpace()
    {
        bool plain = (Superblock.FeatureCompat & FeatureCompat.PlainXattrPrefixes) != 0;
        if (!plain && Metabox is not null)
            return new InodeContentSpace(_data, Metabox);
        if (!plain && _packed.Value is { } packed)
            return new InodeContentSpace(_data, packed);
        return _primaryMeta;
    }

    /// <summary>Byte position of an inode in its metadata space.</summary>
    public long InodeLocation(ulong nid)
    {
        ulong slot = nid & ~InodeDecoder.MetaboxBit;
        long baseAddress = (nid & InodeDecoder.MetaboxBit) != 0 ? 0 : (long)Superblock.MetaBlockAddress << Superblock.BlockSizeBits;
        if (slot > (ulong)(long.MaxValue - baseAddress) / InodeFields.SlotSize)
            throw new ErofsContentException($"nid {nid} is out of range", nid);
        return baseAddress + (long)slot * InodeFields.SlotSize;
    }

    /// <summary>Reads and validates the inode <paramref name="nid"/>.</summary>
    public InodeInfo GetInode(ulong nid) => _decoder.Decode(_data.SpaceOf(nid), InodeLocation(nid), nid);

    /// <summary>Entries of a directory in on-disk order ("." and ".." included when stored).</summary>
    public IEnumerable<DirectoryEntry> ReadDirectory(InodeInfo directory) => _directories.Enumerate(directory);

    /// <summary>Finds <paramref name="name"/> in a directory by binary search; null when absent.</summary>
    public DirectoryEntry? Lookup(InodeInfo directory, ReadOnlySpan<byte> name) => _directories.Lookup(directory, name);

    /// <summary>Finds <paramref name="name"/> (UTF-8) in a directory; null when absent.</summary>
    public DirectoryEntry? Lookup(InodeInfo directory, string name) => Lookup(directory, Encoding.UTF8.GetBytes(name));

    /// <summary>Resolves an absolute path without following symlinks; null when a component is missing.</summary>
    public InodeInfo? ResolvePath(string path)
    {
        var inode = Root;
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".")
                continue;
            if (inode.Kind != FileKind.Directory || Lookup(inode, part) is not { } entry)
                return null;
            inode = GetInode(entry.Nid);
        }
        return inode;
    }

    /// <summary>Reads file bytes at <paramref name="offset"/>; returns the count read (0 at or past the end).</summary>
    public int Read(InodeInfo inode, long offset, Span<byte> buffer) => _data.Read(inode, offset, buffer);

    /// <summary>A read-only, seekable stream over a file's content.</summary>
    public Stream OpenRead(InodeInfo inode) => new InodeStream(this, inode);

    /// <summary>The extents of a file's data, in logical order.</summary>
    public IEnumerable<Extent> GetExtents(InodeInfo inode) => _data.Extents(inode);

    /// <summary>The extent holding byte <paramref name="offset"/> of a file.</summary>
    public Extent MapExtent(InodeInfo inode, long offset) => _data.Map(inode, offset);

    /// <summary>Length of the device an extent refers to (bounds checks).</summary>
    public long DeviceLength(Extent extent, ulong nid) => _devices.LengthOf(extent.Device, extent.PhysicalOffset, nid);

    /// <summary>True when an extent's physical bytes lie inside the device they resolve to (unified addressing applied).</summary>
    public bool IsInBounds(Extent extent, ulong nid) =>
        _devices.Contains(extent.Device, extent.PhysicalOffset, extent.PhysicalLength, nid);

    /// <summary>The raw target of a symlink.</summary>
    public byte[] ReadLinkBytes(InodeInfo inode)
    {
        if (inode.Kind != FileKind.Symlink)
            throw new ArgumentException($"nid {inode.Nid} is not a symlink", nameof(inode));
        if (inode.Size > (ulong)Options.Limits.MaxSymlinkLength)
            throw new ErofsContentException($"symlink target of {inode.Size} bytes exceeds {Options.Limits.MaxSymlinkLength}", inode.Nid, inode.Location);
        var target = new byte[(int)inode.Size];
        Read(inode, 0, target);
        if (target.Length == 0 || target.AsSpan().Contains((byte)0))
            throw new ErofsContentException(target.Length == 0 ? "symlink with an empty target" : "symlink target contains a NUL byte", inode.Nid, inode.Location);
        return target;
    }

    /// <summary>The target of a symlink as UTF-8 text.</summary>
    public string ReadLink(InodeInfo inode) => Encoding.UTF8.GetString(ReadLinkBytes(inode));

    /// <summary>All xattrs of an inode (hidden ones flagged), shared first, in on-disk order.</summary>
    public IReadOnlyList<XattrEntry> ListXattrs(InodeInfo inode) => _xattrs.List(inode);

    /// <summary>The value of the xattr with full name <paramref name="name"/>, or null.</summary>
    public byte[]? GetXattr(InodeInfo inode, string name) => _xattrs.List(inode).FirstOrDefault(x => x.Name == name)?.Value;

    /// <summary>The fingerprint xattr name (COMPAT_ISHARE_XATTRS), or null when the image has none.</summary>
    public string? FingerprintXattrName =>
        (Superblock.FeatureCompat & FeatureCompat.IshareXattrs) != 0 ? _prefixes.Value[Superblock.IshareXattrPrefixId].FullPrefix : null;

    /// <summary>The raw fingerprint value of a file (<c>sha256:</c> + 32 bytes as mkfs writes it), or null.</summary>
    public byte[]? GetFingerprint(InodeInfo inode)
    {
        if ((Superblock.FeatureCompat & FeatureCompat.IshareXattrs) == 0)
            return null;
        byte index = (byte)(XattrLayout.LongPrefixFlag | Superblock.IshareXattrPrefixId);
        return _xattrs.ReadRaw(inode).FirstOrDefault(x => x.NameIndex == index && x.Suffix.Length == 0).Value;
    }

    internal XattrReader Xattrs => _xattrs;

    internal DirectoryReader Directories => _directories;

    internal IReadOnlyList<XattrLongPrefix> LongPrefixes => _prefixes.Value;

    /// <inheritdoc />
    public void Dispose() => _devices.Dispose();
}
