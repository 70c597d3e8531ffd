using System.Security.Cryptography;
using Erofs.Conformance.Tests.Cli;
using Erofs.Conformance.Tests.Infrastructure;

namespace Erofs.Conformance.Tests.Overlay;

/// <summary>
/// An image whose first overlay mount takes a moment: 2,000 small files in 20 directories (every seventh
/// one repeating an earlier file's content) and three files of 8 MiB, built once per test class with
/// <c>erofs mkfs --xattr-inode-digest</c> from a tree made from a fixed seed (the tree is deleted once
/// built). Knows every file's SHA-256, so a mount's content can be checked in full.
/// </summary>
public sealed class ManyFilesImage : IDisposable
{
    private const int Directories = 20, FilesPerDirectory = 100, BigFiles = 3, BigSize = 8 << 20;

    private readonly TempDir _dir = TempDir.Create("ovl-many");
    private readonly Dictionary<string, byte[]> _hashes = [];

    public ManyFilesImage()
    {
        try
        {
            string tree = _dir.CreateSubdirectory("tree");
            var random = new Random(3000);
            var earlier = new List<byte[]>();
            for (int d = 0; d < Directories; d++)
            {
                Directory.CreateDirectory(Path.Combine(tree, $"d{d:D2}"));
                for (int f = 0; f < FilesPerDirectory; f++)
                {
                    byte[] content;
                    if (earlier.Count > 0 && (d * FilesPerDirectory + f) % 7 == 6)
                    {
                        content = earlier[random.Next(earlier.Count)];
                    }
                    else
                    {
                        content = new byte[random.Next(1, 12_000)];
                        random.NextBytes(content);
                        earlier.Add(content);
                    }
                    Add(tree, $"/d{d:D2}/f{f:D3}", content);
                }
            }
            Directory.CreateDirectory(Path.Combine(tree, "big"));
            for (int b = 0; b < BigFiles; b++)
            {
                var content = new byte[BigSize];
                random.NextBytes(content);
                Add(tree, $"/big/b{b}", content);
                earlier.Add(content);
            }
            DistinctContents = earlier.Select(Convert.ToHexString).Distinct().Count();
            ImagePath = _dir.Combine("many.erofs");
            ErofsCli.Run("mkfs", "--xattr-inode-digest", ImagePath, tree).EnsureSuccess();
            TempDir.DeleteTree(tree);
        }
        catch
        {
            _dir.Dispose();
            throw;
        }
    }

    /// <summary>The image.</summary>
    public string ImagePath { get; }

    /// <summary>How many objects its files make (distinct contents).</summary>
    public int DistinctContents { get; }

    /// <summary>Tree path of one of the big files.</summary>
    public static string BigFile => "/big/b0";

    /// <summary>A fresh directory beside the image (removed with it), for stores.</summary>
    public string NewDirectory(string name) => _dir.CreateSubdirectory(name);

    /// <summary>Fails unless every file under <paramref name="root"/> has exactly the image's content (and no file is missing or extra).</summary>
    public void AssertContent(string root)
    {
        var seen = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(p => p[root.Length..]).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(_hashes.Keys.Order(StringComparer.Ordinal), seen);
        foreach (string path in _hashes.Keys)
            AssertContent(root, path);
    }

    /// <summary>Fails unless <paramref name="treePath"/> under <paramref name="root"/> has the image's content.</summary>
    public void AssertContent(string root, string treePath)
    {
        using var stream = File.OpenRead(root + treePath);
        Assert.True(SHA256.HashData(stream).AsSpan().SequenceEqual(_hashes[treePath]), $"{treePath} read wrong bytes under {root}");
    }

    /// <summary>Where the object of <paramref name="treePath"/>'s content is in <paramref name="store"/>'s <paramref name="domain"/>.</summary>
    public string ObjectPath(string store, string domain, string treePath)
    {
        string hex = Convert.ToHexStringLower(_hashes[treePath]);
        return Path.Combine(store, domain, "objects", hex[..2], hex[2..]);
    }

    public void Dispose() => _dir.Dispose();

    private void Add(string tree, string path, byte[] content)
    {
        File.WriteAllBytes(tree + path, content);
        _hashes.Add(path, SHA256.HashData(content));
    }
}
