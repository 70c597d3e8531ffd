namespace Erofs.Conformance.Tests.Infrastructure;

/// <summary>
/// A fresh directory under <c>/tmp</c>, removed with everything in it on <see cref="Dispose"/>. Removal
/// copes with read-only files and directories, and never descends into a mount point: anything mounted
/// below the directory is lazily unmounted first.
/// </summary>
public sealed class TempDir : IDisposable
{
    /// <summary>Prefix of every directory this class makes (test.sh cleans up leftovers by it).</summary>
    public const string Prefix = "erofs-tests-";

    private TempDir(string path) => Path = path;

    /// <summary>Absolute path of the directory.</summary>
    public string Path { get; }

    /// <summary>The parent of every temporary directory.</summary>
    public const string Root = "/tmp";

    /// <summary>Makes a new, empty directory <c>/tmp/erofs-tests-LABEL-XXXXXXXX</c> (mode 0700).</summary>
    public static TempDir Create(string label = "tmp")
    {
        for (var attempt = 0; ; attempt++)
        {
            var path = System.IO.Path.Combine(Root, $"{Prefix}{label}-{Guid.NewGuid().ToString("N")[..8]}");
            if (Directory.Exists(path) || File.Exists(path))
            {
                if (attempt < 100)
                {
                    continue;
                }

                throw new IOException($"Could not find a free temporary directory name under {Root}.");
            }

            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            return new TempDir(path);
        }
    }

    /// <summary>Path of a child (not created).</summary>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Creates a sub-directory and returns its path.</summary>
    public string CreateSubdirectory(string name) => Directory.CreateDirectory(Combine(name)).FullName;

    /// <inheritdoc/>
    public void Dispose() => DeleteTree(Path);

    /// <inheritdoc/>
    public override string ToString() => Path;

    /// <summary>Deletes a directory tree robustly; does nothing if it does not exist.</summary>
    public static void DeleteTree(string path)
    {
        if (!Directory.Exists(path))
        {
            return;
        }

        foreach (var mountPoint in MountTable.MountPointsUnder(path).OrderByDescending(m => m.Length))
        {
            // Never delete through a mount: detach it first.
            if (LibC.Unmount(mountPoint, LibC.MntDetach) != 0)
            {
                throw new IOException($"Cannot delete {path}: {mountPoint} is mounted and could not be unmounted.");
            }
        }

        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            MakeWritable(path);
            Directory.Delete(path, recursive: true);
        }
    }

    private static void MakeWritable(string dir)
    {
        const UnixFileMode rwx = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        File.SetUnixFileMode(dir, File.GetUnixFileMode(dir) | rwx);
        var options = new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false, RecurseSubdirectories = false };
        foreach (var sub in Directory.EnumerateDirectories(dir, "*", options))
        {
            if (new DirectoryInfo(sub).LinkTarget == null)
            {
                MakeWritable(sub);
            }
        }
    }
}
