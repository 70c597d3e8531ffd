using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Erofs.Fuse;
using Erofs.Fuse.Abi;
using Erofs.Fuse.Protocol;
using Erofs.Fuzz.Targets;
using Erofs.Reading;
using Erofs.Runtime;
using Erofs.Storage;

namespace Erofs.Fuzz;

/// <summary>
/// Writes the fuse-request seeds: sessions the kernel could send, each run against a live dispatcher
/// so node ids and handles in later requests are the ones earlier replies gave.
/// </summary>
internal sealed class FuseSeedWriter
{
    private readonly FuseDispatcher _dispatcher;
    private readonly byte[] _reply = new byte[16 + (256 * 4096)];
    private readonly MemoryStream _seed = new();
    private ulong _unique = 2;

    private FuseSeedWriter(ErofsImage image, bool ownInit)
    {
        _dispatcher = new FuseDispatcher(new ErofsFileSystem(image), new FuseSessionOptions());
        _seed.WriteByte(ownInit ? FuseRequestTarget.SendsOwnInit : (byte)0);
        if (!ownInit)
            _dispatcher.Handle(InitRequest(), _reply);
    }

    /// <summary>The INIT a 6.18 kernel sends (protocol 7.45, every flag it offers).</summary>
    public static byte[] InitRequest(uint minor = 45) =>
        Request(FuseOpcode.Init, 1, 0, Bytes(new InitIn { Major = 7, Minor = minor, MaxReadahead = 131072, Flags = 0x73FFFFFB, Flags2 = 0x5FD }));

    public static int Write(string imagePath, string directory)
    {
        Directory.CreateDirectory(directory);
        using var image = ErofsImage.Open(imagePath, new ReadOptions { Conformance = ErofsConformance.Lax });
        foreach (var (name, session) in Sessions())
        {
            var writer = new FuseSeedWriter(image, ownInit: name.StartsWith("init", StringComparison.Ordinal));
            session(writer);
            File.WriteAllBytes(Path.Combine(directory, name), writer._seed.ToArray());
        }
        return 0;
    }

    private static IEnumerable<(string Name, Action<FuseSeedWriter> Session)> Sessions() =>
    [
        ("lookup-read", w => w.ReadFile(w.Lookup(w.Lookup(1, "dir"), "medium"), 0, 8192)),
        ("read-inline", w => w.ReadFile(w.Lookup(1, "small"), 0, 4096)),
        ("read-past-end", w => w.ReadFile(w.Lookup(1, "small"), 1 << 20, 4096)),
        ("readdir", w => w.ListDirectory(1, FuseOpcode.ReadDir)),
        ("readdirplus", w => w.ListDirectory(w.Lookup(1, "dir"), FuseOpcode.ReadDirPlus)),
        ("xattrs", w => w.Xattrs(w.Lookup(1, "small"))),
        ("readlink", w => w.Send(FuseOpcode.ReadLink, w.Lookup(1, "link"), [])),
        ("misc", w => w.Misc(w.Lookup(1, "dir"))),
        ("init-old-minor", w => w.Init(31)),
        ("init-current", w => w.Init(45)),
    ];

    private ulong Lookup(ulong parent, string name)
    {
        var reply = Send(FuseOpcode.Lookup, parent, [.. Encoding.UTF8.GetBytes(name), 0]);
        return reply.Length >= 16 + 8 ? BinaryPrimitives.ReadUInt64LittleEndian(reply.AsSpan(16)) : 0;
    }

    private void ReadFile(ulong node, ulong offset, uint size)
    {
        Send(FuseOpcode.GetAttr, node, Bytes(new GetattrIn()));
        ulong fh = Handle(Send(FuseOpcode.Open, node, Bytes(new OpenIn())));
        Send(FuseOpcode.Read, node, Bytes(new ReadIn { Fh = fh, Offset = offset, Size = size }));
        Send(FuseOpcode.Read, node, Bytes(new ReadIn { Fh = fh, Offset = offset + 100, Size = 300 }));
        Send(FuseOpcode.Flush, node, Bytes(new FlushIn { Fh = fh }));
        Send(FuseOpcode.Release, node, Bytes(new ReleaseIn { Fh = fh }));
        Send(FuseOpcode.Forget, node, Bytes(1UL));
    }

    private void ListDirectory(ulong node, FuseOpcode opcode)
    {
        ulong fh = Handle(Send(FuseOpcode.OpenDir, node, Bytes(new OpenIn())));
        Send(opcode, node, Bytes(new ReadIn { Fh = fh, Size = 4096 }));
        Send(opcode, node, Bytes(new ReadIn { Fh = fh, Offset = 2, Size = 200 }));
        Send(FuseOpcode.ReleaseDir, node, Bytes(new ReleaseIn { Fh = fh }));
    }

    private void Xattrs(ulong node)
    {
        Send(FuseOpcode.ListXattr, node, Bytes(new GetxattrIn { Size = 0 }));
        Send(FuseOpcode.ListXattr, node, Bytes(new GetxattrIn { Size = 4096 }));
        Send(FuseOpcode.GetXattr, node, [.. Bytes(new GetxattrIn { Size = 0 }), .. "user.note\0"u8]);
        Send(FuseOpcode.GetXattr, node, [.. Bytes(new GetxattrIn { Size = 256 }), .. "user.note\0"u8]);
        Send(FuseOpcode.GetXattr, node, [.. Bytes(new GetxattrIn { Size = 256 }), .. "trusted.absent\0"u8]);
    }

    private void Misc(ulong node)
    {
        Send(FuseOpcode.StatFs, 1, []);
        Send(FuseOpcode.Access, node, Bytes(new AccessIn { Mask = 4 }));
        Send(FuseOpcode.MkDir, node, [.. new byte[8], .. "new\0"u8]);
        Send(FuseOpcode.Interrupt, 0, Bytes(_unique - 1));
        Send(FuseOpcode.BatchForget, 0, [.. Bytes(1U), .. new byte[4], .. Bytes(node), .. Bytes(1UL)]);
        Send((FuseOpcode)4096, 1, []);
        Send(FuseOpcode.Destroy, 0, []);
    }

    private void Init(uint minor)
    {
        Append(InitRequest(minor));
        Send(FuseOpcode.GetAttr, 1, Bytes(new GetattrIn()));
    }

    private byte[] Send(FuseOpcode opcode, ulong node, byte[] payload)
    {
        var request = Request(opcode, _unique++, node, payload);
        Append(request);
        var result = _dispatcher.Handle(request, _reply);
        return _reply.AsSpan(0, result.ReplyLength).ToArray();
    }

    private void Append(byte[] request)
    {
        _seed.Write(Bytes((ushort)request.Length));
        _seed.Write(request);
    }

    private static ulong Handle(byte[] openReply) =>
        openReply.Length >= 16 + 8 ? BinaryPrimitives.ReadUInt64LittleEndian(openReply.AsSpan(16)) : 0;

    private static byte[] Request(FuseOpcode opcode, ulong unique, ulong node, ReadOnlySpan<byte> payload)
    {
        var bytes = new byte[RequestParser.HeaderSize + payload.Length];
        var header = new InHeader { Len = (uint)bytes.Length, Opcode = (uint)opcode, Unique = unique, NodeId = node, Uid = 0, Gid = 0, Pid = 1 };
        MemoryMarshal.Write(bytes, in header);
        payload.CopyTo(bytes.AsSpan(RequestParser.HeaderSize));
        return bytes;
    }

    private static byte[] Bytes<T>(T value)
        where T : unmanaged
    {
        var bytes = new byte[Marshal.SizeOf<T>()];
        MemoryMarshal.Write(bytes, in value);
        return bytes;
    }
}
