using Erofs.Fuzz.Targets;

namespace Erofs.Fuzz;

/// <summary>Every harness by name.</summary>
internal static class FuzzTargets
{
    public static IReadOnlyList<string> Names { get; } = ["image-walk", "file-read", "tar", "fuse-request"];

    /// <summary>A fresh target (each keeps its own scratch state), or null for an unknown name.</summary>
    public static IFuzzTarget? Create(string name) => name switch
    {
        "image-walk" => new ImageWalkTarget(),
        "file-read" => new FileReadTarget(),
        "tar" => new TarTarget(),
        "fuse-request" => new FuseRequestTarget(FuseRequestTarget.DefaultImagePath),
        _ => null,
    };
}
