using System.Security.Cryptography;
using Erofs.Conformance.Tests.Infrastructure;

namespace Erofs.Conformance.Tests.Mount;

/// <summary>
/// A scratch tree for store attacks: <c>/tmp/erofs-tests-store-attack-XXXXXXXX</c> (mode 0755, so the
/// user <c>nobody</c> can reach what a test gives it) where a test lays out stores with exact owners and
/// modes, symlinks and planted files, plus images built by <see cref="SharingScratch"/>. Everything,
/// whoever owns it (nobody's files included), goes on <see cref="Dispose"/>; mounts below are detached first.
/// </summary>
internal sealed class AttackScratch : IDisposable
{
    /// <summary>0444, the mode of every object.</summary>
    public const int ObjectMode = 0x124;

    private readonly SharingScratch _images = new();
    private readonly TempDir _dir;

    public AttackScratch()
    {
        _dir = TempDir.Create("store-attack");
        File.SetUnixFileMode(_dir.Path, (UnixFileMode)0x1ED); // 0755
    }

    /// <summary>The scratch directory (root, 0755).</summary>
    public string Root => _dir.Path;

    /// <summary>A path below <see cref="Root"/> (not created).</summary>
    public string Combine(params string[] parts) => _dir.Combine(parts);

    /// <summary>
    /// Makes the directory <see cref="Root"/>/<paramref name="relative"/> (missing parents as root, 0755) and
    /// gives it exactly <paramref name="mode"/> (e.g. 0x3FF = 01777) and <paramref name="owner"/>.
    /// </summary>
    public string Directory(string relative, int mode = 0x1ED, uint owner = 0)
    {
        string path = Combine(relative);
        System.IO.Directory.CreateDirectory(path);
        LibC.LChown(path, owner, owner);
        File.SetUnixFileMode(path, (UnixFileMode)mode);
        return path;
    }

    /// <summary>Makes <see cref="Root"/>/<paramref name="relative"/> a symlink to <paramref name="target"/> (as root).</summary>
    public string Symlink(string relative, string target)
    {
        string path = Combine(relative);
        File.CreateSymbolicLink(path, target);
        return path;
    }

    /// <summary>Writes a file at <paramref name="path"/> (parents must exist) with the given bytes, mode and owner.</summary>
    public static string Plant(string path, byte[] bytes, int mode = ObjectMode, uint owner = 0)
    {
        File.WriteAllBytes(path, bytes);
        LibC.LChown(path, owner, owner);
        File.SetUnixFileMode(path, (UnixFileMode)mode);
        return path;
    }

    /// <summary>Builds an image with fingerprints (see <see cref="SharingScratch.BuildImage"/>).</summary>
    public string BuildImage(string name, IReadOnlyDictionary<string, byte[]> files) => _images.BuildImage(name, files);

    /// <summary>A fresh daemon log path.</summary>
    public string NewLog() => _images.NewLog();

    /// <summary>The hex SHA-256 of <paramref name="content"/>: the object's name.</summary>
    public static string Hex(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary><c>STORE/DOMAIN/objects/ab/cdef…</c> of <paramref name="content"/>.</summary>
    public static string ObjectPath(string store, string domain, byte[] content)
    {
        string hex = Hex(content);
        return Path.Combine(store, domain, "objects", hex[..2], hex[2..]);
    }

    /// <summary>Bytes as long as <paramref name="content"/> but different everywhere: a planted impostor.</summary>
    public static byte[] Impostor(byte[] content) => [.. content.Select(b => (byte)~b)];

    public void Dispose()
    {
        try
        {
            _dir.Dispose();
        }
        finally
        {
            _images.Dispose();
        }
    }
}
