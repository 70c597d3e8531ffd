namespace Erofs.Building.Scanning;

/// <summary>
/// One worker's reusable buffer for NUL-terminated paths, so composing the path of each entry
/// allocates nothing.
/// </summary>
internal sealed class PathBuffer
{
    private byte[] _bytes = new byte[1024];

    /// <summary>The buffer; valid up to the length the last compose returned, then a NUL.</summary>
    internal byte[] Bytes => _bytes;

    /// <summary>Writes <paramref name="path"/> and a NUL; returns the length without the NUL.</summary>
    internal int Set(ReadOnlySpan<byte> path)
    {
        EnsureCapacity(path.Length + 1);
        path.CopyTo(_bytes);
        _bytes[path.Length] = 0;
        return path.Length;
    }

    /// <summary>Writes "<paramref name="directory"/>/<paramref name="name"/>" and a NUL; returns the length.</summary>
    internal int Join(ReadOnlySpan<byte> directory, ReadOnlySpan<byte> name)
    {
        int length = directory.Length + 1 + name.Length;
        EnsureCapacity(length + 1);
        directory.CopyTo(_bytes);
        _bytes[directory.Length] = (byte)'/';
        name.CopyTo(_bytes.AsSpan(directory.Length + 1));
        _bytes[length] = 0;
        return length;
    }

    private void EnsureCapacity(int needed)
    {
        if (needed > _bytes.Length)
            _bytes = new byte[Math.Max(needed, _bytes.Length * 2)];
    }
}
