using Erofs.Fuse.Protocol;

namespace Erofs.Tests.Fuse;

/// <summary>Stands in for the device descriptor: keeps every reply written, or answers the errno a test sets.</summary>
internal sealed class RecordingSink : IReplySink
{
    private readonly List<byte[]> _replies = [];

    /// <summary>The errno every write answers (nothing is kept then); 0 for success.</summary>
    public int Error { get; set; }

    public IReadOnlyList<byte[]> Replies
    {
        get
        {
            lock (_replies)
                return [.. _replies];
        }
    }

    public int Write(ReadOnlySpan<byte> reply)
    {
        if (Error != 0)
            return Error;
        lock (_replies)
            _replies.Add(reply.ToArray());
        return 0;
    }
}
