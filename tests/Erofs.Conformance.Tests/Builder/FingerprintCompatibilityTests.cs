using Erofs.Conformance.Tests.Cli;
using Erofs.Conformance.Tests.Infrastructure;
using Erofs.Format;
using Erofs.Reading;

namespace Erofs.Conformance.Tests.Builder;

/// <summary>
/// No kernel here has inode_share (Linux 7.0), so compatibility of our fingerprints with erofs-utils
/// 1.9 is proven by bytes: built from the corpus source tree with the corpus's own options, our
/// images carry the same superblock fields, the same long prefix record and, file by file, the same
/// xattr bytes as the reference images.
/// </summary>
public sealed class FingerprintCompatibilityTests : IDisposable
{
    private const string Fixed = "-T1700000000 -U5eed0000-0000-4000-8000-000000000001";
    private readonly TempDir _dir = TempDir.Create("fingerprint");

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("fingerprint", "--xattr-inode-digest")]
    [InlineData("fingerprint-named", "--xattr-inode-digest=trusted.erofs.fp")]
    public void DirectoryBuildMatchesTheReferenceByteForByte(string corpusName, string digestOption)
    {
        string tree = ExtractCorpusTree();
        string image = Build([.. BuilderRun.Split(Fixed), digestOption, _dir.Combine("ours.erofs"), tree]);
        string reference = CorpusImages.Get(corpusName).ImagePath;
        using var ours = ErofsImage.Open(image);
        using var theirs = ErofsImage.Open(reference);
        AssertSameSuperblockFields(theirs.Superblock, ours.Superblock);
        Assert.Equal(PrefixRecords(reference, theirs), PrefixRecords(image, ours));
        int compared = 0;
        foreach (var (path, theirInode) in Files(theirs))
        {
            var ourInode = ours.ResolvePath(path) ?? throw new Xunit.Sdk.XunitException($"{path} missing from our image");
            Assert.True(XattrBody(reference, theirInode).SequenceEqual(XattrBody(image, ourInode)), $"xattr bytes of {path} differ");
            compared++;
        }
        Assert.True(compared > 100, $"only {compared} files compared");
    }

    [Fact]
    public void TarBuildWritesTheReferenceFingerprints()
    {
        string tar = RepoPaths.CorpusFile("tree.tar");
        string image = Build([.. BuilderRun.Split(Fixed), "--tar=f", "--xattr-inode-digest", _dir.Combine("tar.erofs"), tar]);
        string reference = CorpusImages.Get("tar-full-lz4-fingerprint").ImagePath;
        using var ours = ErofsImage.Open(image);
        using var theirs = ErofsImage.Open(reference);
        Assert.Equal(theirs.Superblock.IshareXattrPrefixId, ours.Superblock.IshareXattrPrefixId);
        Assert.True((ours.Superblock.FeatureCompat & FeatureCompat.IshareXattrs) != 0);
        Assert.Equal(PrefixRecords(reference, theirs), PrefixRecords(image, ours));
        int compared = 0;
        foreach (var (path, theirInode) in Files(theirs).Where(f => f.Inode.Size > 0))
        {
            var ourInode = ours.ResolvePath(path)!;
            Assert.Equal(theirs.GetFingerprint(theirInode), ours.GetFingerprint(ourInode));
            Assert.Equal(FingerprintEntry(reference, theirs, theirInode), FingerprintEntry(image, ours, ourInode));
            compared++;
        }
        Assert.True(compared > 100, $"only {compared} files compared");
    }

    private static void AssertSameSuperblockFields(Superblock expected, Superblock actual)
    {
        Assert.Equal(expected.FeatureCompat, actual.FeatureCompat);
        Assert.Equal(expected.FeatureIncompat, actual.FeatureIncompat);
        Assert.Equal(expected.XattrPrefixCount, actual.XattrPrefixCount);
        Assert.Equal(expected.XattrPrefixStart, actual.XattrPrefixStart);
        Assert.Equal(expected.IshareXattrPrefixId, actual.IshareXattrPrefixId);
        Assert.Equal(expected.XattrBlockAddress, actual.XattrBlockAddress);
        Assert.Equal(expected.Epoch, actual.Epoch);
        Assert.Equal(expected.Uuid, actual.Uuid);
        Assert.Equal(expected.InodeCount, actual.InodeCount);
    }

    /// <summary>The corpus source tree, recreated from plain.erofs (GNU tar does not restore its ACLs).</summary>
    private string ExtractCorpusTree()
    {
        string tree = _dir.Combine("tree");
        var result = ErofsCli.Run("extract", CorpusImages.Get("plain").ImagePath, tree);
        Assert.True(result.ExitCode == 0, result.StdErr);
        return tree;
    }

    private static string Build(string[] args)
    {
        var result = ErofsCli.Run(["mkfs", "--quiet", .. args]);
        Assert.True(result.ExitCode == 0, $"erofs mkfs failed: {result.StdErr}");
        return args[^2];
    }

    private static IEnumerable<(string Path, InodeInfo Inode)> Files(ErofsImage image)
    {
        var pending = new Stack<(string, InodeInfo)>([("", image.Root)]);
        while (pending.Count > 0)
        {
            var (path, dir) = pending.Pop();
            foreach (var entry in image.ReadDirectory(dir).Where(e => e.Name is not ("." or "..")))
            {
                var inode = image.GetInode(entry.Nid);
                string child = path + "/" + entry.Name;
                if (inode.Kind == FileKind.Directory)
                    pending.Push((child, inode));
                else if (inode.Kind == FileKind.Regular)
                    yield return (child, inode);
            }
        }
    }

    private static byte[] XattrBody(string path, InodeInfo inode) => RawBytes(path, inode.Location + inode.InodeSize, inode.XattrSize);

    /// <summary>The inline entry whose name index is the fingerprint's long prefix (header, suffix, value).</summary>
    private static byte[] FingerprintEntry(string path, ErofsImage image, InodeInfo inode)
    {
        byte[] body = XattrBody(path, inode);
        int at = XattrLayout.HeaderSize + 4 * body[XattrLayout.SharedCountOffset];
        byte index = (byte)(XattrLayout.LongPrefixFlag | image.Superblock.IshareXattrPrefixId);
        while (at + XattrLayout.EntrySize <= body.Length)
        {
            int size = XattrLayout.EntryTotalSize(body[at], BitConverter.ToUInt16(body, at + 2));
            if (body[at + 1] == index)
                return body[at..(at + size)];
            at += size;
        }
        throw new Xunit.Sdk.XunitException($"nid {inode.Nid} has no fingerprint entry");
    }

    private static byte[] PrefixRecords(string path, ErofsImage image)
    {
        var sb = image.Superblock;
        var bytes = RawBytes(path, sb.XattrPrefixStart * 4L, 4096);
        int at = 0;
        for (int i = 0; i < sb.XattrPrefixCount; i++)
            at = (at + 2 + BitConverter.ToUInt16(bytes, at) + 3) & ~3;
        return bytes[..at];
    }

    private static byte[] RawBytes(string path, long offset, int length)
    {
        using var file = File.OpenRead(path);
        var bytes = new byte[length];
        file.Position = offset;
        file.ReadAtLeast(bytes, length, throwOnEndOfStream: false);
        return bytes;
    }
}
