using Erofs.Conformance.Tests.Infrastructure;

namespace Erofs.Conformance.Tests.InfrastructureTests;

/// <summary>One generated tree shared by the tests of a class, removed afterwards.</summary>
public abstract class GeneratedTreeFixture : IDisposable
{
    private readonly TempDir _dir;

    protected GeneratedTreeFixture(TreeOptions options)
    {
        _dir = TempDir.Create("tree");
        try
        {
            Tree = TreeGenerator.Generate(_dir.Combine("src"), options);
            Snapshot = TreeSnapshot.Capture(Tree.Root);
        }
        catch
        {
            _dir.Dispose();
            throw;
        }
    }

    /// <summary>The tree.</summary>
    public GeneratedTree Tree { get; }

    /// <summary>The tree as captured right after generation.</summary>
    public IReadOnlyList<ManifestEntry> Snapshot { get; }

    /// <summary>A scratch directory beside the tree.</summary>
    public TempDir Scratch => _dir;

    public void Dispose()
    {
        _dir.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The full tree, every feature.</summary>
public sealed class FullTreeFixture() : GeneratedTreeFixture(TreeOptions.Full);

/// <summary>The tree Debian's mkfs.erofs 1.5 can take.</summary>
public sealed class ErofsUtils15TreeFixture() : GeneratedTreeFixture(TreeOptions.ForErofsUtils15);
