using Erofs.Fuse.Abi;

namespace Erofs.Fuse;

/// <summary>What INIT settled between the kernel and this library.</summary>
public sealed record FuseConnection
{
    /// <summary>Protocol major version (7).</summary>
    public required uint Major { get; init; }

    /// <summary>Protocol minor version in use: the smaller of the kernel's and ours.</summary>
    public required uint Minor { get; init; }

    /// <summary>The minor version the kernel offered.</summary>
    public required uint KernelMinor { get; init; }

    /// <summary>Capabilities the kernel offered.</summary>
    public required FuseInitFlags Offered { get; init; }

    /// <summary>Capabilities in use (requested by us and offered by the kernel).</summary>
    public required FuseInitFlags Flags { get; init; }

    /// <summary>Largest READ, in pages of 4 KiB.</summary>
    public required int MaxPages { get; init; }

    /// <summary>Readahead the kernel may do, in bytes.</summary>
    public required uint MaxReadahead { get; init; }

    /// <summary>True when open files may be backed by files registered with <see cref="FuseSession.OpenBacking"/>.</summary>
    public bool Passthrough => (Flags & FuseInitFlags.Passthrough) != 0;

    /// <summary>The protocol as "7.N".</summary>
    public string Version => $"{Major}.{Minor}";
}
