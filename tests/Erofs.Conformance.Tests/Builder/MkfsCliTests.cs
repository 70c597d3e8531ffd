using System.Text;
using Erofs.Conformance.Tests.Cli;
using Erofs.Conformance.Tests.Infrastructure;
using Erofs.Conformance.Tests.InfrastructureTests;
using Erofs.Reading;

namespace Erofs.Conformance.Tests.Builder;

/// <summary>`erofs mkfs` as scripts use it: reproducible output, exclusions, overlay whiteouts, and bad input.</summary>
public sealed class MkfsCliTests(FullTreeFixture fixture) : IClassFixture<FullTreeFixture>
{
    private const string FixedUuid = "-U5eed0000-0000-4000-8000-000000000007";

    [Fact]
    public void SameInputAndOptionsGiveTheSameBytesWhateverTheThreadCount()
    {
        string one = fixture.Scratch.Combine("repro-1.erofs");
        string two = fixture.Scratch.Combine("repro-2.erofs");
        string[] options = ["-T1700000000", FixedUuid, "--xattr-inode-digest", "--chunksize=8192"];
        Run([.. options, "--workers=1", one, fixture.Tree.Root]).EnsureSuccess();
        Run([.. options, "--workers=4", two, fixture.Tree.Root]).EnsureSuccess();
        Assert.Equal(File.ReadAllBytes(one), File.ReadAllBytes(two));
    }

    [Fact]
    public void WithoutFixedTimeAndUuidEachBuildIsNew()
    {
        string one = fixture.Scratch.Combine("fresh-1.erofs");
        string two = fixture.Scratch.Combine("fresh-2.erofs");
        Run([one, fixture.Tree.Root]).EnsureSuccess();
        Run([two, fixture.Tree.Root]).EnsureSuccess();
        using var a = ErofsImage.Open(one);
        using var b = ErofsImage.Open(two);
        Assert.NotEqual(a.Superblock.Uuid, b.Superblock.Uuid);
        Assert.True(Math.Abs((long)a.Superblock.CreationTime - DateTimeOffset.UtcNow.ToUnixTimeSeconds()) < 600);
    }

    [Fact]
    public void ExcludedPathsAndRegexesAreLeftOut()
    {
        string image = fixture.Scratch.Combine("excluded.erofs");
        Run(["--exclude-path=special", "--exclude-regex=^sizes/rand-", image, fixture.Tree.Root]).EnsureSuccess();
        using var erofs = ErofsImage.Open(image);
        Assert.Null(erofs.ResolvePath("/special"));
        var names = erofs.ReadDirectory(erofs.ResolvePath("/sizes")!).Select(e => e.Name).Where(n => n is not ("." or "..")).ToList();
        Assert.Contains(names, n => n.StartsWith("text-", StringComparison.Ordinal));
        Assert.DoesNotContain(names, n => n.StartsWith("rand-", StringComparison.Ordinal));
        Assert.NotNull(erofs.ResolvePath("/deep"));
    }

    [Fact]
    public void AufsWhiteoutsBecomeOverlayWhiteoutsTheKernelShows()
    {
        KernelMount.RequireSupport();
        string layer = fixture.Scratch.CreateSubdirectory("layer");
        Directory.CreateDirectory(Path.Combine(layer, "etc"));
        File.WriteAllText(Path.Combine(layer, "etc", ".wh.removed"), "");
        File.WriteAllText(Path.Combine(layer, "etc", ".wh..wh..opq"), "");
        File.WriteAllText(Path.Combine(layer, "etc", "kept"), "kept\n");
        string tar = fixture.Scratch.Combine("layer.tar");
        ProcessRunner.RunChecked("tar", "--format=pax", "-cf", tar, "-C", layer, ".");
        string image = fixture.Scratch.Combine("layer.erofs");
        Run(["--tar=f", "--aufs", image, tar]).EnsureSuccess();
        using var mount = KernelMount.Mount(image);
        var whiteout = TreeSnapshot.CaptureOne(mount.Resolve("/etc/removed"), "/etc/removed");
        Assert.Equal(FileType.CharDevice, whiteout.Type);
        Assert.Equal(new DeviceNumber(0, 0), whiteout.Rdev);
        var etc = TreeSnapshot.CaptureOne(mount.Resolve("/etc"), "/etc");
        Assert.Equal("y"u8.ToArray(), etc.Xattrs["trusted.overlay.opaque"]);
        Assert.False(File.Exists(mount.Resolve("/etc/.wh..wh..opq")));
        Assert.Equal("kept\n", File.ReadAllText(mount.Resolve("/etc/kept")));
    }

    [Fact]
    public void SocketsSurviveTheRoundTripThroughTheKernel()
    {
        KernelMount.RequireSupport();
        string dir = fixture.Scratch.CreateSubdirectory("with-socket");
        string socketPath = Path.Combine(dir, "control.sock");
        string image = fixture.Scratch.Combine("socket.erofs");
        // .NET removes the socket file when the socket is disposed: build while it is bound.
        using (var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified))
        {
            socket.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(socketPath));
            Run([image, dir]).EnsureSuccess();
        }
        using var mount = KernelMount.Mount(image);
        Assert.Equal(FileType.Socket, TreeSnapshot.CaptureOne(mount.Resolve("/control.sock"), "/control.sock").Type);
    }

    [Fact]
    public void ABlockDeviceIsWrittenInPlaceAndReadBack()
    {
        KernelMount.RequireSupport();
        string backing = fixture.Scratch.Combine("partition.img");
        using (var f = File.Create(backing))
            f.SetLength(64L << 20);
        string loop = ProcessRunner.RunChecked("losetup", "-f", "--show", backing).StdOut.Trim();
        try
        {
            string source = Path.Combine(fixture.Tree.Root, "sizes");
            Run([loop, source]).EnsureSuccess();
            Assert.True(ErofsCli.Run("fsck", "--extract", loop).ExitCode == 0);
            using var mount = KernelMount.Mount(loop);
            TreeComparer.AssertNoDifferences(TreeComparer.CompareDirectories(source, mount.MountPoint, new TreeCompareOptions { IgnoreRootAttributes = true }));
        }
        finally
        {
            ProcessRunner.Run("losetup", "-d", loop);
        }
    }

    [Theory]
    [InlineData(new[] { "-zunknownalg" }, "unknown compression algorithm 'unknownalg'", 2)]
    [InlineData(new[] { "-b3000" }, "invalid block size 3000", 2)]
    [InlineData(new[] { "-Enope" }, "unknown extended option 'nope'", 2)]
    [InlineData(new[] { "--bogus" }, "--bogus", 2)]
    [InlineData(new[] { "--blobdev=/tmp/x.blob" }, "needs a chunk size", 1)]
    [InlineData(new[] { "--exclude-regex=(" }, "Invalid regular expression", 1)]
    public void BadOptionsFailBeforeAnythingIsWritten(string[] options, string fragment, int exitCode)
    {
        string image = fixture.Scratch.Combine($"bad{BuilderRun.Suffix(string.Join(' ', options))}.erofs");
        var result = Run([.. options, image, fixture.Tree.Root]);
        ErofsCli.AssertOneLineError(result, fragment);
        Assert.Equal(exitCode, result.ExitCode);
        AssertNothingLeft(image);
    }

    [Fact]
    public void ATruncatedTarFailsWithItsOffsetAndLeavesNoImage()
    {
        string tar = fixture.Scratch.Combine("truncated.tar");
        ProcessRunner.RunChecked("tar", "--format=pax", "-cf", tar, "-C", fixture.Tree.Root, "sizes");
        using (var f = File.OpenWrite(tar))
            f.SetLength(f.Length / 2 + 100);
        string image = fixture.Scratch.Combine("truncated.erofs");
        var result = Run(["--tar=f", image, tar]);
        ErofsCli.AssertOneLineError(result, "offset");
        AssertNothingLeft(image);
    }

    [Fact]
    public void ANameOver255BytesInATarIsRefusedWithItsPath()
    {
        string tar = fixture.Scratch.Combine("longname.tar");
        File.WriteAllBytes(tar, PaxArchive.SingleFile("dir/" + new string('n', 256), "x"u8.ToArray()));
        string image = fixture.Scratch.Combine("longname.erofs");
        var result = Run(["--tar=f", image, tar]);
        ErofsCli.AssertOneLineError(result, "256");
        AssertNothingLeft(image);
    }

    /// <summary>mkfs.erofs 1.9.3 indexes standard input; we refuse it as not supported yet, before reading it.</summary>
    [Fact]
    public void IndexModeRefusesAStream()
    {
        string image = fixture.Scratch.Combine("stdin-index.erofs");
        string dll = Path.Combine(AppContext.BaseDirectory, "erofs.dll");
        // tar's own complaint about the closed pipe is not ours to count.
        var result = ProcessRunner.Run("bash", ["-c", $"tar -cf - -C '{fixture.Tree.Root}' sizes 2>/dev/null | dotnet '{dll}' mkfs --tar=i '{image}' -"], TimeSpan.FromMinutes(1));
        ErofsCli.AssertOneLineError(result, "erofs mkfs: --tar=i from standard input is not supported yet");
        Assert.Equal(1, result.ExitCode);
        AssertNothingLeft(image);
    }

    private static ProcessResult Run(string[] args) => ErofsCli.Run(["mkfs", "--quiet", .. args]);

    private static void AssertNothingLeft(string image)
    {
        Assert.False(File.Exists(image), $"{image} was left behind");
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(image)!, $".{Path.GetFileName(image)}*"));
    }
}

/// <summary>A minimal PAX archive with one regular file whose path is given by a PAX record.</summary>
internal static class PaxArchive
{
    public static byte[] SingleFile(string path, byte[] content)
    {
        string record = Record("path", path);
        var output = new MemoryStream();
        WriteHeader(output, "PaxHeaders/x", 'x', Encoding.UTF8.GetByteCount(record));
        WritePadded(output, Encoding.UTF8.GetBytes(record));
        WriteHeader(output, "placeholder", '0', content.Length);
        WritePadded(output, content);
        output.Write(new byte[1024]);
        return output.ToArray();
    }

    private static string Record(string key, string value)
    {
        string body = $" {key}={value}\n";
        int length = body.Length + 1;
        while ((length.ToString().Length + body.Length) != length)
            length = length.ToString().Length + body.Length;
        return length + body;
    }

    private static void WriteHeader(Stream output, string name, char type, long size)
    {
        var h = new byte[512];
        Encoding.ASCII.GetBytes(name).CopyTo(h, 0);
        Encoding.ASCII.GetBytes("0000644\0").CopyTo(h, 100);
        Encoding.ASCII.GetBytes("0000000\0").CopyTo(h, 108);
        Encoding.ASCII.GetBytes("0000000\0").CopyTo(h, 116);
        Encoding.ASCII.GetBytes(Convert.ToString(size, 8).PadLeft(11, '0') + "\0").CopyTo(h, 124);
        Encoding.ASCII.GetBytes("00000000000\0").CopyTo(h, 136);
        h[156] = (byte)type;
        Encoding.ASCII.GetBytes("ustar\0" + "00").CopyTo(h, 257);
        Array.Fill(h, (byte)' ', 148, 8);
        int sum = h.Sum(b => b);
        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(h, 148);
        output.Write(h);
    }

    private static void WritePadded(Stream output, byte[] data)
    {
        output.Write(data);
        output.Write(new byte[(512 - data.Length % 512) % 512]);
    }
}
