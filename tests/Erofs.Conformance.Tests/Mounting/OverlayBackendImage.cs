using Erofs.Conformance.Tests.Cli;
using Erofs.Conformance.Tests.Infrastructure;
using Erofs.Runtime.Overlay;

namespace Erofs.Conformance.Tests.Mounting;

/// <summary>
/// A hand-made metadata image for the overlay backend, built once per test class with our own
/// <c>erofs mkfs</c>: regular files are sparse files of their object's size carrying
/// <c>trusted.overlay.metacopy</c> and <c>trusted.overlay.redirect=/xx/yyyy…</c>, beside a plain file, a
/// symlink and directories; and the objects directory they point into. The image's path holds a space,
/// a tab, a newline and a backslash, so its source exercises every escape of mountinfo.
/// </summary>
public sealed class OverlayBackendImage : IDisposable
{
    /// <summary>The setuid program: 04755, 300 KiB of random bytes in its object.</summary>
    public const string Tool = "/bin/tool";

    /// <summary>A small object-backed file, 0640.</summary>
    public const string Notes = "/data/notes.txt";

    /// <summary>A regular file without overlay xattrs: its bytes are in the image.</summary>
    public const string Plain = "/data/plain.txt";

    /// <summary>A symlink to <see cref="Notes"/>.</summary>
    public const string Link = "/link";

    private readonly TempDir _dir = TempDir.Create("overlay-image");

    public OverlayBackendImage()
    {
        try
        {
            Objects = _dir.CreateSubdirectory("objects");
            string tree = _dir.CreateSubdirectory("tree");
            Directory.CreateDirectory(Path.Combine(tree, "bin"));
            Directory.CreateDirectory(Path.Combine(tree, "data"));
            ToolBytes = new byte[300 << 10];
            new Random(42).NextBytes(ToolBytes);
            AddMetacopy(tree, Tool, ToolBytes, "a1/b2c3d4e5f60718293a4b5c6d7e8f9", (UnixFileMode)0x9ED); // 04755
            AddMetacopy(tree, Notes, NotesBytes, "12/3456789abcdef0123456789abcdef", (UnixFileMode)0x1A0); // 0640
            File.WriteAllBytes(tree + Plain, PlainBytes);
            File.SetUnixFileMode(tree + Plain, (UnixFileMode)0x1A4); // 0644
            File.CreateSymbolicLink(tree + Link, "data/notes.txt");

            ImagePath = Path.Combine(_dir.CreateSubdirectory("image dir"), "meta\t\\\nimage.erofs");
            var mkfs = ErofsCli.Run("mkfs", ImagePath, tree);
            if (!mkfs.Succeeded)
                throw new InvalidOperationException($"erofs mkfs failed ({mkfs.ExitCode}): {mkfs.StdErr.Trim()}");
        }
        catch
        {
            _dir.Dispose();
            throw;
        }
    }

    /// <summary>The metadata image.</summary>
    public string ImagePath { get; }

    /// <summary>The objects directory (objects at <c>xx/yyyy…</c>).</summary>
    public string Objects { get; }

    /// <summary>The content of <see cref="Tool"/>.</summary>
    public byte[] ToolBytes { get; }

    /// <summary>The content of <see cref="Notes"/>.</summary>
    public byte[] NotesBytes { get; } = "hello from the object\n"u8.ToArray();

    /// <summary>The content of <see cref="Plain"/>.</summary>
    public byte[] PlainBytes { get; } = "in the image itself\n"u8.ToArray();

    /// <summary>Our source for <see cref="ImagePath"/>.</summary>
    public string Source => OverlayMounter.SourceFor(ImagePath);

    /// <inheritdoc/>
    public void Dispose() => _dir.Dispose();

    // A sparse file of the object's size (its zeros are never read) pointing at the object by redirect.
    private void AddMetacopy(string tree, string path, byte[] content, string objectName, UnixFileMode mode)
    {
        string objectPath = Path.Combine(Objects, objectName);
        Directory.CreateDirectory(Path.GetDirectoryName(objectPath)!);
        File.WriteAllBytes(objectPath, content);
        string file = tree + path;
        using (var stream = File.Create(file))
            stream.SetLength(content.Length);
        File.SetUnixFileMode(file, mode);
        ProcessRunner.RunChecked("setfattr", "-n", "trusted.overlay.metacopy", file);
        ProcessRunner.RunChecked("setfattr", "-n", "trusted.overlay.redirect", "-v", "/" + objectName, file);
    }
}
