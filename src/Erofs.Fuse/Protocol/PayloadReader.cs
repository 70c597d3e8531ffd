using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Erofs.Fuse.Protocol;

/// <summary>Reads a request's argument structs and names in order, never past the end.</summary>
internal ref struct PayloadReader(ReadOnlySpan<byte> payload)
{
    private ReadOnlySpan<byte> _rest = payload;

    /// <summary>The bytes not read yet.</summary>
    public readonly ReadOnlySpan<byte> Rest => _rest;

    /// <summary>Reads a struct; false when fewer bytes remain than it needs.</summary>
    public bool TryRead<T>(out T value)
        where T : unmanaged
    {
        int size = Unsafe.SizeOf<T>();
        if (_rest.Length < size)
        {
            value = default;
            return false;
        }
        value = MemoryMarshal.Read<T>(_rest);
        _rest = _rest[size..];
        return true;
    }

    /// <summary>Reads a NUL-terminated, non-empty name; false when there is no NUL or the name is empty.</summary>
    public bool TryReadName(out ReadOnlySpan<byte> name)
    {
        int end = _rest.IndexOf((byte)0);
        if (end <= 0)
        {
            name = default;
            return false;
        }
        name = _rest[..end];
        _rest = _rest[(end + 1)..];
        return true;
    }
}
