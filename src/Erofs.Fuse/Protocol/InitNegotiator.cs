using Erofs.Fuse.Abi;

namespace Erofs.Fuse.Protocol;

/// <summary>The outcome of one INIT request.</summary>
internal enum InitOutcome
{
    /// <summary>Agreed: send <see cref="InitDecision.Reply"/>; the connection is up.</summary>
    Accepted,
    /// <summary>The kernel speaks a newer major version: answer with ours only and wait for another INIT.</summary>
    RetryWithOurMajor,
    /// <summary>No common protocol: answer EPROTO and give up.</summary>
    Refused,
}

/// <summary>What to answer to INIT, and what was agreed.</summary>
internal sealed record InitDecision(InitOutcome Outcome, InitOut Reply, FuseConnection? Connection, string? Problem);

/// <summary>
/// Protocol negotiation: accept kernel protocol 7.31 and later, answer with the smaller minor
/// version, and request each capability we want only when the kernel offers it.
/// </summary>
internal static class InitNegotiator
{
    /// <summary>The major version we speak.</summary>
    public const uint Major = 7;

    /// <summary>The newest minor version whose structs we know (Linux 6.18).</summary>
    public const uint NewestMinor = 45;

    /// <summary>The oldest minor version we accept (map_alignment and the 64-byte init_out are older still).</summary>
    public const uint OldestMinor = 31;

    /// <summary>Stack depth passed with passthrough: our backing files are plain files, one level below us.</summary>
    public const uint PassthroughStackDepth = 1;

    /// <summary>max_write we announce: a read-only file system takes no writes, and it sizes the kernel's minimum read buffer.</summary>
    public const uint MaxWrite = 4096;

    private const FuseInitFlags AlwaysWanted =
        FuseInitFlags.AsyncRead | FuseInitFlags.ParallelDirops | FuseInitFlags.DoReaddirPlus | FuseInitFlags.ReaddirPlusAuto
        | FuseInitFlags.CacheSymlinks | FuseInitFlags.MaxPages;

    /// <summary>Decides the answer to an INIT whose argument bytes are <paramref name="payload"/>.</summary>
    public static InitDecision Decide(ReadOnlySpan<byte> payload, FuseSessionOptions options)
    {
        if (payload.Length < InitIn.CompatSize)
            return Refuse($"INIT carries {payload.Length} bytes, fewer than the {InitIn.CompatSize} of the oldest fuse_init_in");
        var reader = new PayloadReader(payload);
        InitIn request = default;
        if (!reader.TryRead(out request))
            request = ReadCompat(payload);
        return Decide(request, options);
    }

    /// <summary>Decides the answer to a decoded INIT request.</summary>
    public static InitDecision Decide(in InitIn kernel, FuseSessionOptions options)
    {
        if (kernel.Major > Major)
            return new InitDecision(InitOutcome.RetryWithOurMajor, new InitOut { Major = Major, Minor = NewestMinor }, null, null);
        if (kernel.Major < Major || kernel.Minor < OldestMinor)
            return Refuse($"the kernel speaks FUSE {kernel.Major}.{kernel.Minor}; at least {Major}.{OldestMinor} is needed");
        var offered = Offered(kernel);
        var agreed = Wanted(options) & offered;
        if ((agreed & ~(FuseInitFlags)uint.MaxValue) != 0)
            agreed |= FuseInitFlags.InitExt;
        uint minor = Math.Min(kernel.Minor, NewestMinor);
        int maxPages = (agreed & FuseInitFlags.MaxPages) != 0 ? Math.Clamp(options.MaxPages, 1, ushort.MaxValue) : 32;
        var reply = new InitOut
        {
            Major = Major,
            Minor = minor,
            MaxReadahead = kernel.MaxReadahead,
            Flags = (uint)((ulong)agreed & uint.MaxValue),
            Flags2 = (uint)((ulong)agreed >> 32),
            MaxBackground = 32,
            CongestionThreshold = 24,
            MaxWrite = MaxWrite,
            TimeGran = 1,
            MaxPages = (ushort)maxPages,
            MaxStackDepth = (agreed & FuseInitFlags.Passthrough) != 0 ? PassthroughStackDepth : 0,
        };
        var connection = new FuseConnection
        {
            Major = Major,
            Minor = minor,
            KernelMinor = kernel.Minor,
            Offered = offered,
            Flags = agreed,
            MaxPages = maxPages,
            MaxReadahead = kernel.MaxReadahead,
        };
        return new InitDecision(InitOutcome.Accepted, reply, connection, null);
    }

    /// <summary>The kernel's capabilities: flags, plus flags2 when it sent the extended form.</summary>
    public static FuseInitFlags Offered(in InitIn kernel)
    {
        var flags = (FuseInitFlags)kernel.Flags;
        if ((flags & FuseInitFlags.InitExt) != 0)
            flags |= (FuseInitFlags)((ulong)kernel.Flags2 << 32);
        return flags;
    }

    /// <summary>What we ask for with these options (before intersecting with the offer).</summary>
    public static FuseInitFlags Wanted(FuseSessionOptions options)
    {
        var wanted = AlwaysWanted;
        if (options.PosixAcl)
            wanted |= FuseInitFlags.PosixAcl;
        if (options.ExportSupport)
            wanted |= FuseInitFlags.ExportSupport;
        if (options.Passthrough)
            wanted |= FuseInitFlags.Passthrough | FuseInitFlags.InitExt;
        return wanted;
    }

    private static InitIn ReadCompat(ReadOnlySpan<byte> payload)
    {
        // A pre-7.36 kernel sends only major, minor, max_readahead and flags.
        Span<byte> full = stackalloc byte[System.Runtime.CompilerServices.Unsafe.SizeOf<InitIn>()];
        full.Clear();
        payload[..Math.Min(payload.Length, full.Length)].CopyTo(full);
        return System.Runtime.InteropServices.MemoryMarshal.Read<InitIn>(full);
    }

    private static InitDecision Refuse(string problem) => new(InitOutcome.Refused, default, null, problem);
}
