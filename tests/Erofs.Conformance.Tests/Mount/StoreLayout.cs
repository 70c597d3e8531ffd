namespace Erofs.Conformance.Tests.Mount;

/// <summary>
/// A correctly set-up store made by hand in an <see cref="AttackScratch"/>: <c>STORE</c> (root, 0755) and
/// <c>STORE/d</c> with its subdirectories (root, 0700), which a test then breaks in one place.
/// </summary>
internal sealed class StoreLayout
{
    /// <summary>The domain every attack test uses.</summary>
    public const string Domain = "d";

    /// <summary>The domain's subdirectories the store rules cover.</summary>
    public static readonly string[] Subdirectories = ["objects", "tmp", "used", "verified", "quarantine"];

    private readonly AttackScratch _scratch;

    private StoreLayout(AttackScratch scratch, string relative)
    {
        _scratch = scratch;
        Relative = relative;
    }

    /// <summary>STORE relative to the scratch root.</summary>
    public string Relative { get; }

    /// <summary>The store's absolute path.</summary>
    public string Store => _scratch.Combine(Relative);

    /// <summary><c>STORE/d</c>.</summary>
    public string DomainDirectory => Path.Combine(Store, Domain);

    /// <summary>A path below <c>STORE/d</c>.</summary>
    public string InDomain(params string[] parts) => Path.Combine([DomainDirectory, .. parts]);

    /// <summary>Only <c>STORE</c> (root, 0755); the mount makes the domain.</summary>
    public static StoreLayout StoreOnly(AttackScratch scratch, string relative = "store")
    {
        scratch.Directory(relative);
        return new StoreLayout(scratch, relative);
    }

    /// <summary><c>STORE</c> (root, 0755), <c>STORE/d</c> and each subdirectory (root, 0700).</summary>
    public static StoreLayout Complete(AttackScratch scratch, string relative = "store")
    {
        var layout = StoreOnly(scratch, relative);
        scratch.Directory(Path.Combine(relative, Domain), 0x1C0);
        foreach (string sub in Subdirectories)
            scratch.Directory(Path.Combine(relative, Domain, sub), 0x1C0);
        return layout;
    }

    /// <summary><c>STORE/d/objects/ab</c> for <paramref name="content"/>'s object (root, 0700), made if missing.</summary>
    public string FanOut(byte[] content)
    {
        string path = Path.GetDirectoryName(ObjectPath(content))!;
        if (!System.IO.Directory.Exists(path))
            _scratch.Directory(Path.GetRelativePath(_scratch.Root, path), 0x1C0);
        return path;
    }

    /// <summary>The object path of <paramref name="content"/> in this store's domain.</summary>
    public string ObjectPath(byte[] content) => AttackScratch.ObjectPath(Store, Domain, content);

    /// <summary>Mounts <paramref name="image"/> sharing through this store (accepted or not).</summary>
    public MountAttempt Mount(string image, params string[] extra) =>
        MountAttempt.Share(image, Store, Domain, _scratch.NewLog(), extra);
}
