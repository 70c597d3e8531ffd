using Erofs.Fuse;
using Erofs.Fuse.Abi;
using Erofs.Fuse.Protocol;

namespace Erofs.Tests.Fuse;

/// <summary>INIT: which protocol versions are accepted and which capabilities are requested.</summary>
public sealed class InitNegotiatorTests
{
    // What Linux 6.18 offers (seen by the probe in dotnet-deps.md section 7).
    private static readonly InitIn Linux618 = new() { Major = 7, Minor = 45, MaxReadahead = 131072, Flags = 0x73FFFFFB, Flags2 = 0x5FD };

    private static readonly FuseSessionOptions WithPassthrough = new() { Passthrough = true };

    [Fact]
    public void ModernKernelGetsEveryWantedCapabilityAndPassthrough()
    {
        var decision = InitNegotiator.Decide(Linux618, WithPassthrough);

        Assert.Equal(InitOutcome.Accepted, decision.Outcome);
        var flags = decision.Connection!.Flags;
        foreach (var wanted in new[] { FuseInitFlags.AsyncRead, FuseInitFlags.DoReaddirPlus, FuseInitFlags.ReaddirPlusAuto, FuseInitFlags.CacheSymlinks,
                     FuseInitFlags.ParallelDirops, FuseInitFlags.MaxPages, FuseInitFlags.PosixAcl, FuseInitFlags.InitExt, FuseInitFlags.Passthrough })
            Assert.True(flags.HasFlag(wanted), $"{wanted} missing from {flags}");
        Assert.False(flags.HasFlag(FuseInitFlags.WritebackCache));
        Assert.False(flags.HasFlag(FuseInitFlags.ExportSupport));
        Assert.True(decision.Connection.Passthrough);
        Assert.Equal(1u << 5, decision.Reply.Flags2);
        Assert.Equal(1u, decision.Reply.MaxStackDepth);
        Assert.Equal(45u, decision.Reply.Minor);
        Assert.Equal(256, decision.Reply.MaxPages);
        Assert.Equal(131072u, decision.Reply.MaxReadahead);
        Assert.Equal(1u, decision.Reply.TimeGran);
    }

    [Fact]
    public void ReplyFlagsAreAlwaysASubsetOfTheOffer()
    {
        var offer = Linux618 with { Flags = (uint)(FuseInitFlags.AsyncRead | FuseInitFlags.MaxPages), Flags2 = 0 };
        var decision = InitNegotiator.Decide(offer, WithPassthrough);

        Assert.Equal((uint)(FuseInitFlags.AsyncRead | FuseInitFlags.MaxPages), decision.Reply.Flags);
        Assert.Equal(0u, decision.Reply.Flags2);
        Assert.Equal(0u, decision.Reply.MaxStackDepth);
        Assert.False(decision.Connection!.Passthrough);
    }

    [Fact]
    public void PassthroughIsNotRequestedUnlessTheFileSystemAsks()
    {
        var decision = InitNegotiator.Decide(Linux618, new FuseSessionOptions());

        Assert.False(decision.Connection!.Passthrough);
        Assert.Equal(0u, decision.Reply.Flags2);
        Assert.Equal(0u, decision.Reply.MaxStackDepth);
    }

    [Fact]
    public void ExportSupportAndAclFollowTheOptions()
    {
        var decision = InitNegotiator.Decide(Linux618, new FuseSessionOptions { ExportSupport = true, PosixAcl = false });

        Assert.True(decision.Connection!.Flags.HasFlag(FuseInitFlags.ExportSupport));
        Assert.False(decision.Connection.Flags.HasFlag(FuseInitFlags.PosixAcl));
    }

    [Fact]
    public void Protocol731WithoutInitExtIsAcceptedWithoutFlags2()
    {
        // 7.31 predates FUSE_INIT_EXT: the kernel sends the 16-byte fuse_init_in.
        var old = new InitIn { Major = 7, Minor = 31, MaxReadahead = 65536, Flags = 0x00FFFFFB };
        var payload = Requests.Bytes(old).AsSpan(0, InitIn.CompatSize).ToArray();

        var decision = InitNegotiator.Decide(payload, WithPassthrough);

        Assert.Equal(InitOutcome.Accepted, decision.Outcome);
        Assert.Equal(31u, decision.Reply.Minor);
        Assert.Equal(0u, decision.Reply.Flags2);
        Assert.False(decision.Connection!.Flags.HasFlag(FuseInitFlags.InitExt));
        Assert.True(decision.Connection.Flags.HasFlag(FuseInitFlags.MaxPages));
        Assert.Equal(31u, decision.Connection.KernelMinor);
    }

    [Fact]
    public void NewerKernelMinorIsAnsweredWithOurs()
    {
        var decision = InitNegotiator.Decide(Linux618 with { Minor = 99 }, WithPassthrough);

        Assert.Equal(InitOutcome.Accepted, decision.Outcome);
        Assert.Equal(InitNegotiator.NewestMinor, decision.Reply.Minor);
        Assert.Equal("7.45", decision.Connection!.Version);
    }

    [Theory]
    [InlineData(7u, 30u)]
    [InlineData(7u, 8u)]
    [InlineData(6u, 45u)]
    public void TooOldProtocolsAreRefusedWithAReason(uint major, uint minor)
    {
        var decision = InitNegotiator.Decide(Linux618 with { Major = major, Minor = minor }, WithPassthrough);

        Assert.Equal(InitOutcome.Refused, decision.Outcome);
        Assert.Contains($"{major}.{minor}", decision.Problem, StringComparison.Ordinal);
        Assert.Null(decision.Connection);
    }

    [Fact]
    public void NewerMajorIsAnsweredWithOurMajorOnly()
    {
        var decision = InitNegotiator.Decide(Linux618 with { Major = 8 }, WithPassthrough);

        Assert.Equal(InitOutcome.RetryWithOurMajor, decision.Outcome);
        Assert.Equal(7u, decision.Reply.Major);
        Assert.Null(decision.Connection);
    }

    [Fact]
    public void TruncatedInitIsRefused()
    {
        var decision = InitNegotiator.Decide(new byte[12], WithPassthrough);

        Assert.Equal(InitOutcome.Refused, decision.Outcome);
        Assert.Contains("12 bytes", decision.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void DispatcherAnswersInitOnceAndRefusesEverythingBefore()
    {
        var fs = new FakeFileSystem();
        var dispatcher = new FuseDispatcher(fs, WithPassthrough);
        var reply = new byte[1 << 20];

        var early = dispatcher.Handle(Requests.Make(FuseOpcode.GetAttr, 9, new byte[16]), reply);
        Assert.Equal(-Errno.EIO, Requests.Header(reply).Error);
        Assert.Equal(16, early.ReplyLength);

        var init = dispatcher.Handle(Requests.Init(), reply);
        Assert.Equal(16 + 64, init.ReplyLength);
        Assert.Equal(0, Requests.Header(reply).Error);
        Assert.Equal(1u << 5, Requests.Payload<InitOut>(reply).Flags2);
        Assert.True(dispatcher.Connection!.Passthrough);

        dispatcher.Handle(Requests.Init(), reply);
        Assert.Equal(-Errno.EIO, Requests.Header(reply).Error);
    }

    [Fact]
    public void DispatcherAnswersARefusedInitWithEproto()
    {
        var dispatcher = new FuseDispatcher(new FakeFileSystem(), WithPassthrough);
        var reply = new byte[4096];

        dispatcher.Handle(Requests.Init(minor: 20), reply);

        Assert.Equal(-Errno.EPROTO, Requests.Header(reply).Error);
        Assert.Null(dispatcher.Connection);
        Assert.Contains("7.20", dispatcher.InitProblem, StringComparison.Ordinal);
    }
}
