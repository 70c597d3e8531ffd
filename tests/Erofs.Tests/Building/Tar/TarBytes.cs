using System.Text;

namespace Erofs.Tests.Building.Tar;

/// <summary>Hand-made tar blocks for corner cases GNU tar never writes.</summary>
internal sealed class TarBytes
{
    private readonly MemoryStream _stream = new();

    /// <summary>Bytes written so far.</summary>
    public long Length => _stream.Length;

    /// <summary>Appends a header block and its data, padded to a block.</summary>
    public TarBytes Entry(string name, char type = '0', byte[]? data = null, string link = "",
        uint mode = 0x1A4, Action<byte[]>? patch = null, bool gnu = false, long? size = null)
    {
        data ??= [];
        var header = Header(name, type, size ?? data.Length, link, mode, gnu);
        if (patch is not null)
        {
            patch(header);
            FixChecksum(header);
        }
        Raw(header);
        return Data(data);
    }

    /// <summary>Appends a PAX extended header ('x' or 'g') holding the records.</summary>
    public TarBytes Pax(params (string Key, byte[] Value)[] records) => PaxOfType('x', records);

    /// <summary>Appends a PAX header of the given type.</summary>
    public TarBytes PaxOfType(char type, params (string Key, byte[] Value)[] records)
    {
        var data = records.SelectMany(r => Record(r.Key, r.Value)).ToArray();
        return Entry("././@PaxHeader", type, data);
    }

    /// <summary>Appends raw bytes.</summary>
    public TarBytes Raw(byte[] bytes)
    {
        _stream.Write(bytes);
        return this;
    }

    /// <summary>Appends data padded with zeros to a whole block.</summary>
    public TarBytes Data(byte[] data)
    {
        _stream.Write(data);
        _stream.Write(new byte[(512 - data.Length % 512) % 512]);
        return this;
    }

    /// <summary>The archive, ended by two zero blocks unless <paramref name="end"/> is false.</summary>
    public byte[] Build(bool end = true)
    {
        if (end)
            _stream.Write(new byte[1024]);
        return _stream.ToArray();
    }

    /// <summary>One PAX record "LEN KEY=VALUE\n" with the length computed.</summary>
    public static byte[] Record(string key, byte[] value)
    {
        int body = Encoding.UTF8.GetByteCount(key) + value.Length + 3; // ' ', '=', '\n'
        int length = body + 1;
        while (length != body + length.ToString().Length)
            length = body + length.ToString().Length;
        return [.. Encoding.ASCII.GetBytes($"{length} {key}="), .. value, (byte)'\n'];
    }

    /// <summary>A ustar (or GNU) header block with a valid checksum.</summary>
    public static byte[] Header(string name, char type, long size, string link = "", uint mode = 0x1A4, bool gnu = false)
    {
        var block = new byte[512];
        Put(block, 0, Encoding.UTF8.GetBytes(name), 100);
        Octal(block, 100, 8, mode);
        Octal(block, 108, 8, 0);
        Octal(block, 116, 8, 0);
        Octal(block, 124, 12, size);
        Octal(block, 136, 12, 1_700_000_000);
        block[156] = (byte)type;
        Put(block, 157, Encoding.UTF8.GetBytes(link), 100);
        Put(block, 257, gnu ? "ustar  \0"u8.ToArray() : "ustar\u000000"u8.ToArray(), 8);
        FixChecksum(block);
        return block;
    }

    /// <summary>Writes an octal field: zero-padded digits and a NUL.</summary>
    public static void Octal(byte[] block, int offset, int length, long value) =>
        Put(block, offset, Encoding.ASCII.GetBytes(Convert.ToString(value, 8).PadLeft(length - 1, '0') + "\0"), length);

    /// <summary>Copies bytes into a field (at most <paramref name="length"/>, zero-filled).</summary>
    public static void Put(byte[] block, int offset, byte[] bytes, int length)
    {
        Assert.True(bytes.Length <= length, $"{bytes.Length} bytes do not fit a field of {length}");
        Array.Clear(block, offset, length);
        bytes.CopyTo(block, offset);
    }

    /// <summary>Recomputes the checksum field (unsigned sum, checksum counted as spaces).</summary>
    public static void FixChecksum(byte[] block)
    {
        block.AsSpan(148, 8).Fill((byte)' ');
        int sum = block.Sum(b => b);
        Put(block, 148, Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 "), 8);
    }
}
