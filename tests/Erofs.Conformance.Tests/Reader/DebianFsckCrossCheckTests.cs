using Erofs.Checking;
using Erofs.Conformance.Tests.Infrastructure;
using Erofs.Conformance.Tests.InfrastructureTests;
using Erofs.Reading;
using Xunit.Abstractions;

namespace Erofs.Conformance.Tests.Reader;

/// <summary>
/// Damaged metadata judged by two checkers: whenever Debian's fsck.erofs 1.5 rejects an image,
/// ours must reject it too (we may be stricter, never laxer), and ours only ever fails with the
/// library's own exceptions.
/// </summary>
public sealed class DebianFsckCrossCheckTests(ErofsUtils15TreeFixture fixture, ITestOutputHelper output) : IClassFixture<ErofsUtils15TreeFixture>
{
    private const int Trials = 150;

    [Fact]
    public void OursRejectsEverythingDebiansRejects()
    {
        ErofsUtils.Require();
        string pristine = fixture.Scratch.Combine("crosscheck.erofs");
        ErofsUtils.Mkfs(pristine, fixture.Tree.Root, "--quiet", "-U5eed0000-0000-4000-8000-000000000016");
        byte[] original = File.ReadAllBytes(pristine);
        var positions = MetadataPositions(pristine);
        var random = new Random(20261125);
        string damaged = fixture.Scratch.Combine("damaged.erofs");
        int debianRejected = 0, oursRejected = 0;
        var laxer = new List<string>();
        for (int trial = 0; trial < Trials; trial++)
        {
            long at = positions[random.Next(positions.Count)];
            byte[] bytes = (byte[])original.Clone();
            bytes[at] ^= (byte)random.Next(1, 256);
            File.WriteAllBytes(damaged, bytes);
            bool debianOk = ErofsUtils.Fsck(damaged).Succeeded;
            bool oursOk = OurFsckAccepts(damaged);
            debianRejected += debianOk ? 0 : 1;
            oursRejected += oursOk ? 0 : 1;
            if (!debianOk && oursOk)
                laxer.Add($"byte {at} ^ {bytes[at] ^ original[at]:x2}");
        }
        output.WriteLine($"{Trials} flips: Debian rejected {debianRejected}, ours rejected {oursRejected}");
        Assert.True(debianRejected > Trials / 10, "the sample hardly damaged anything; sample elsewhere");
        Assert.True(laxer.Count == 0, "ours accepted what fsck.erofs rejected: " + string.Join(", ", laxer));
    }

    // Our fsck with all data read; only the library's exceptions may escape.
    private static bool OurFsckAccepts(string path)
    {
        try
        {
            using var image = ErofsImage.Open(path);
            return new ImageChecker(image, new CheckOptions { ReadAllData = true }).Check().Count == 0;
        }
        catch (Exception e) when (e is ErofsContentException or NotSupportedException)
        {
            return false;
        }
    }

    // Bytes of inodes (with their xattrs and inline data) and of directory blocks, from the pristine image.
    private static List<long> MetadataPositions(string path)
    {
        var positions = new List<long>();
        using var image = ErofsImage.Open(path);
        var pending = new Stack<InodeInfo>([image.Root]);
        var seen = new HashSet<ulong>();
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            AddInode(image, dir, positions);
            foreach (var e in image.GetExtents(dir).Where(e => e.Kind == ExtentKind.Plain))
                positions.AddRange(Range(e.PhysicalOffset, e.Length));
            foreach (var entry in image.ReadDirectory(dir).Where(d => !d.IsDotOrDotDot && seen.Add(d.Nid)))
            {
                var inode = image.GetInode(entry.Nid);
                if (inode.Kind == FileKind.Directory)
                    pending.Push(inode);
                else
                    AddInode(image, inode, positions);
            }
        }
        return positions;
    }

    private static void AddInode(ErofsImage image, InodeInfo inode, List<long> positions)
    {
        long length = inode.InodeSize + inode.XattrSize;
        if (inode.Layout == Format.InodeLayout.FlatInline)
            length += (long)inode.Size % image.BlockSize;
        positions.AddRange(Range(inode.Location, length));
    }

    private static IEnumerable<long> Range(long start, long length)
    {
        for (long i = 0; i < length; i++)
            yield return start + i;
    }
}
