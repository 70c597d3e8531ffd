using System.Buffers.Binary;
using Erofs.Conformance.Tests.Infrastructure;
using Erofs.Format;
using Erofs.Reading;

namespace Erofs.Conformance.Tests.Mount;

/// <summary>
/// A damaged file answers EIO through the mount, while its attributes and every other file keep
/// reading correctly and the daemon keeps serving.
/// </summary>
public sealed class CorruptImageMountTests
{
    private static readonly string[] Others = ["a.txt", "b.bin", "sub/c.txt"];

    [Fact]
    public void DamagedCompressedClusterGivesEioAndTheRestReads()
    {
        using var dir = TempDir.Create("corrupt-z");
        string image = Build(dir, "-zlz4hc");
        using (var reader = ErofsImage.Open(image))
        {
            var victim = reader.ResolvePath("/victim")!;
            var cluster = reader.GetExtents(victim).First(e => e.Kind == ExtentKind.Compressed);
            // 0xFF tokens claim ever longer literal runs: no LZ4 decoder can accept them.
            Patch(image, cluster.PhysicalOffset, Enumerable.Repeat((byte)0xFF, (int)cluster.PhysicalLength).ToArray());
        }
        AssertOnlyVictimFails(dir, image);
    }

    [Fact]
    public void DamagedExtentGivesEioAndTheRestReads()
    {
        using var dir = TempDir.Create("corrupt-plain");
        string image = Build(dir, "-Enoinline_data");
        using (var reader = ErofsImage.Open(image))
        {
            var victim = reader.ResolvePath("/victim")!;
            Assert.Equal(InodeLayout.FlatPlain, victim.Layout);
            // Point the data far past the end of the image.
            int field = victim.IsExtended ? InodeFields.Extended.U : InodeFields.Compact.U;
            var startBlock = new byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(startBlock, 0x0FFFFFF0);
            Patch(image, victim.Location + field, startBlock);
        }
        AssertOnlyVictimFails(dir, image);
    }

    private static void AssertOnlyVictimFails(TempDir dir, string image)
    {
        string tree = dir.Combine("tree");
        using var mount = DaemonMount.Start(image, []);

        var victim = new FileInfo(mount.Resolve("/victim"));
        Assert.Equal(new FileInfo(Path.Combine(tree, "victim")).Length, victim.Length);
        var e = Assert.Throws<IOException>(() => File.ReadAllBytes(victim.FullName));
        Assert.Contains("Input/output error", e.Message, StringComparison.Ordinal);
        foreach (string other in Others)
            Assert.Equal(File.ReadAllBytes(Path.Combine(tree, other)), File.ReadAllBytes(mount.Resolve("/" + other)));
        Assert.Throws<IOException>(() => File.ReadAllBytes(victim.FullName));
        Assert.True(DaemonMount.IsAlive(mount.DaemonPid), "the daemon died on a damaged file");
        Assert.Equal(4, Directory.GetFileSystemEntries(mount.MountPoint).Length);
    }

    private static string Build(TempDir dir, params string[] options)
    {
        ErofsUtils.Require();
        string tree = dir.CreateSubdirectory("tree");
        var random = new Random(6);
        var words = Enumerable.Range(0, 64).Select(i => $"word{i * 7919 % 1000} ").ToArray();
        File.WriteAllText(Path.Combine(tree, "victim"), string.Concat(Enumerable.Range(0, 40000).Select(_ => words[random.Next(words.Length)])));
        File.WriteAllText(Path.Combine(tree, "a.txt"), string.Concat(Enumerable.Repeat("alpha beta gamma\n", 5000)));
        var bytes = new byte[300_000];
        random.NextBytes(bytes);
        File.WriteAllBytes(Path.Combine(tree, "b.bin"), bytes);
        Directory.CreateDirectory(Path.Combine(tree, "sub"));
        File.WriteAllText(Path.Combine(tree, "sub", "c.txt"), "small\n");
        string image = dir.Combine("image.erofs");
        ErofsUtils.Mkfs(image, tree, [.. options, "--quiet"]);
        return image;
    }

    // Writes the damage, then re-seals the superblock checksum, which covers the first block.
    private static void Patch(string image, long offset, byte[] bytes)
    {
        using var file = new FileStream(image, FileMode.Open, FileAccess.ReadWrite);
        file.Position = offset;
        file.Write(bytes);
        var covered = new byte[SuperblockChecksum.CoveredLength(4096)];
        file.Position = Superblock.Position;
        file.ReadExactly(covered);
        var checksum = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(checksum, SuperblockChecksum.Compute(covered));
        file.Position = Superblock.Position + Superblock.Offsets.Checksum;
        file.Write(checksum);
    }
}
