using System.Security.Cryptography;
using Erofs.Reading;
using Erofs.Runtime.Store;

namespace Erofs.Conformance.Tests.Overlay;

/// <summary>
/// A stand-in for the object store: every non-empty regular file of an image, read with our reader,
/// written once per distinct content as <c>DIR/ab/cdef…</c> (mode 0444), the layout a metadata
/// image's redirects point into.
/// </summary>
internal static class ObjectFiles
{
    private const UnixFileMode ReadOnly = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>Writes the objects of <paramref name="image"/> into <paramref name="dir"/>; returns each file's object by nid.</summary>
    public static Dictionary<ulong, Fingerprint> Write(ErofsImage image, string dir)
    {
        var objects = new Dictionary<ulong, Fingerprint>();
        var walker = new ImageWalker(image);
        foreach (var step in walker.Walk())
        {
            if (step.Failure is { } failure)
                throw new InvalidOperationException($"{step.Entry.Path}: {failure.Message}", failure);
            var entry = step.Entry;
            if (step.Kind != ImageWalkStepKind.Entry || !walker.TryClaim(entry))
                continue;
            if (entry.Inode.Kind == FileKind.Directory)
                walker.Descend(entry);
            else if (entry.Inode is { Kind: FileKind.Regular, Size: > 0 } file)
                objects.Add(entry.Nid, WriteOne(image, file, dir));
        }
        return objects;
    }

    // Copies while hashing into a temporary name, then gives the copy its content's name (or drops it as a duplicate).
    private static Fingerprint WriteOne(ErofsImage image, InodeInfo file, string dir)
    {
        string temp = Path.Combine(dir, $"tmp-{file.Nid}");
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (var source = image.OpenRead(file))
        using (var target = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
        {
            var buffer = new byte[1 << 20];
            int read;
            while ((read = source.Read(buffer)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                target.Write(buffer, 0, read);
            }
        }
        var fingerprint = Fingerprint.FromDigest(hash.GetHashAndReset());
        string path = Path.Combine(dir, fingerprint.Hex[..2], fingerprint.Hex[2..]);
        if (File.Exists(path))
        {
            File.Delete(temp);
            return fingerprint;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.SetUnixFileMode(temp, ReadOnly);
        File.Move(temp, path);
        return fingerprint;
    }
}
