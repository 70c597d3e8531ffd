using System.Text;
using System.Threading.Channels;
using Erofs.Conformance.Tests.Infrastructure;
using Erofs.Fuse;
using Erofs.Fuse.Abi;

namespace Erofs.Conformance.Tests.Mount;

/// <summary>
/// A file system for deferred-reply tests: the root holds "slow", whose OPENs are deferred and handed
/// to the test to complete when it chooses, and "other", answered at once. Both read as <see cref="Content"/>.
/// </summary>
internal sealed class DeferringFileSystem : IFuseFileSystem
{
    public static readonly byte[] Content = "answered later\n"u8.ToArray();

    private const ulong SlowNode = 2;
    private const ulong OtherNode = 3;

    private readonly Channel<FuseOpenReply> _deferred = Channel.CreateUnbounded<FuseOpenReply>();

    /// <summary>The reply of the next OPEN of "slow" to arrive.</summary>
    public Task<FuseOpenReply> NextDeferred() => _deferred.Reader.ReadAsync().AsTask().WaitAsync(Patience.Wait);

    public int Lookup(in FuseContext context, ulong parent, ReadOnlySpan<byte> name, out FuseEntry entry)
    {
        entry = default;
        ulong node = parent != 1 ? 0 : Encoding.UTF8.GetString(name) switch { "slow" => SlowNode, "other" => OtherNode, _ => 0 };
        if (node == 0)
            return Errno.ENOENT;
        entry = new FuseEntry(node, Attributes(node), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(60));
        return Errno.Ok;
    }

    public int GetAttributes(in FuseContext context, ulong node, out FuseAttributes attributes, out TimeSpan timeout)
    {
        attributes = Attributes(node);
        timeout = TimeSpan.FromSeconds(60);
        return node is 1 or SlowNode or OtherNode ? Errno.Ok : Errno.ENOENT;
    }

    public int Open(in FuseContext context, ulong node, int flags, out FuseOpenResult result)
    {
        result = new FuseOpenResult(0, FuseOpenFlags.KeepCache);
        if (node != SlowNode)
            return Errno.Ok;
        _deferred.Writer.TryWrite(context.Defer<FuseOpenReply>());
        return Errno.Deferred;
    }

    public int Read(in FuseContext context, ulong node, ulong handle, long offset, Span<byte> destination, out int bytesRead)
    {
        var rest = Content.AsSpan((int)Math.Min(offset, Content.Length));
        bytesRead = Math.Min(rest.Length, destination.Length);
        rest[..bytesRead].CopyTo(destination);
        return Errno.Ok;
    }

    private static FuseAttributes Attributes(ulong node) => node == 1
        ? new FuseAttributes { Ino = 1, Mode = 0x41ED, Nlink = 2 }
        : new FuseAttributes { Ino = node, Mode = 0x81A4, Nlink = 1, Size = (ulong)Content.Length };
}
