using System.Runtime.InteropServices;
using Erofs.Fuse.Abi;
using Erofs.Fuse.Protocol;

namespace Erofs.Fuse;

/// <summary>
/// Packs directory entries into a READDIR or READDIRPLUS reply, as many as fit in the size the
/// kernel asked for. In READDIRPLUS mode (<see cref="IsPlus"/>) every entry carries a
/// <see cref="FuseEntry"/>; each one added with a non-zero node id counts as one lookup of that node
/// (the kernel sends a FORGET for it later), except for "." and "..", which the kernel never links.
/// </summary>
public ref struct FuseDirectoryBuffer
{
    /// <summary>Longest name the kernel accepts in a directory entry (FUSE_NAME_MAX).</summary>
    public const int MaxNameLength = 1024;

    private static readonly int DirentSize = Marshal.SizeOf<DirentHeader>();
    private static readonly int EntryOutSize = Marshal.SizeOf<EntryOut>();

    private readonly Span<byte> _destination;

    internal FuseDirectoryBuffer(Span<byte> destination, bool plus)
    {
        _destination = destination;
        IsPlus = plus;
    }

    /// <summary>True for READDIRPLUS: entries should carry attributes (<see cref="TryAddPlus"/>).</summary>
    public bool IsPlus { get; }

    /// <summary>Bytes written so far.</summary>
    public int Length { get; private set; }

    /// <summary>Number of entries written so far.</summary>
    public int Count { get; private set; }

    /// <summary>Whether the kernel accepts <paramref name="name"/> in a directory entry: 1 to 1024 bytes, no '/' and no NUL.</summary>
    public static bool IsValidName(ReadOnlySpan<byte> name) =>
        name.Length is > 0 and <= MaxNameLength && name.IndexOfAny((byte)'/', (byte)0) < 0;

    /// <summary>
    /// Adds an entry without attributes (in READDIRPLUS mode: with node id 0, so the kernel links nothing).
    /// Returns false, writing nothing, when the entry does not fit.
    /// </summary>
    /// <param name="name">The name (see <see cref="IsValidName"/>).</param>
    /// <param name="ino">The st_ino shown as d_ino.</param>
    /// <param name="direntType">The DT_* type (mode &gt;&gt; 12).</param>
    /// <param name="nextOffset">The offset the kernel passes back to continue after this entry.</param>
    /// <exception cref="ArgumentException">The name cannot be sent.</exception>
    public bool TryAdd(ReadOnlySpan<byte> name, ulong ino, uint direntType, long nextOffset)
    {
        if (IsPlus)
            return TryAddPlus(name, new FuseEntry(0, new FuseAttributes { Ino = ino, Mode = direntType << 12 }, default, default), nextOffset);
        return Append(name, ino, direntType, nextOffset, entry: null);
    }

    /// <summary>
    /// Adds an entry with its node id and attributes (in READDIR mode only the name, ino and type are sent).
    /// Returns false, writing nothing, when the entry does not fit.
    /// </summary>
    /// <exception cref="ArgumentException">The name cannot be sent.</exception>
    public bool TryAddPlus(ReadOnlySpan<byte> name, in FuseEntry entry, long nextOffset)
    {
        var attributes = entry.Attributes;
        if (!IsPlus)
            return Append(name, attributes.Ino, attributes.DirentType, nextOffset, entry: null);
        return Append(name, attributes.Ino, attributes.DirentType, nextOffset, AbiConvert.ToEntryOut(entry));
    }

    private bool Append(ReadOnlySpan<byte> name, ulong ino, uint type, long nextOffset, EntryOut? entry)
    {
        if (!IsValidName(name))
            throw new ArgumentException($"a directory entry name of {name.Length} bytes is empty, too long or holds '/' or NUL", nameof(name));
        int head = (entry is null ? 0 : EntryOutSize) + DirentSize;
        int size = Align8(head + name.Length);
        if (size > _destination.Length - Length)
            return false;
        var slot = _destination.Slice(Length, size);
        slot.Clear();
        if (entry is { } e)
            MemoryMarshal.Write(slot, in e);
        var dirent = new DirentHeader { Ino = ino, Off = (ulong)nextOffset, NameLen = (uint)name.Length, Type = type };
        MemoryMarshal.Write(slot[(head - DirentSize)..], in dirent);
        name.CopyTo(slot[head..]);
        Length += size;
        Count++;
        return true;
    }

    private static int Align8(int n) => (n + 7) & ~7;
}
