using Erofs.Reading;

namespace Erofs.Tests.Corruption;

/// <summary>Assertions shared by the targeted corruption tests.</summary>
internal static class Expect
{
    /// <summary>A content error says where: its message names the nid or the offset of the bad structure.</summary>
    public static void Located(ErofsContentException e)
    {
        Assert.True(e.Nid is not null || e.Offset is not null, $"content error without a location: {e.Message}");
        Assert.Matches(@"\((nid \d+|offset -?\d+)", e.Message);
    }

    /// <summary>Opening fails with a located content error whose reason contains <paramref name="reason"/>.</summary>
    public static ErofsContentException OpenFails(HostileImage image, string reason, ReadOptions? options = null)
    {
        var e = Assert.Throws<ErofsContentException>(() => Bounded.Run(() => image.Open(options).Dispose(), "open"));
        Assert.Contains(reason, e.Message, StringComparison.OrdinalIgnoreCase);
        Located(e);
        return e;
    }

    /// <summary>Opening fails with NotSupportedException whose message contains <paramref name="text"/>.</summary>
    public static NotSupportedException OpenUnsupported(HostileImage image, string text, ReadOptions? options = null)
    {
        var e = Assert.Throws<NotSupportedException>(() => Bounded.Run(() => image.Open(options).Dispose(), "open"));
        Assert.Contains(text, e.Message, StringComparison.OrdinalIgnoreCase);
        return e;
    }

    /// <summary>The full walk finishes with only allowed exceptions (else it throws) and notices the damage.</summary>
    public static WalkReport WalkDetects(HostileImage image, ReadOptions? options = null)
    {
        var report = Bounded.Walk(image, options);
        Assert.False(report.Clean, $"the damage to {image.Name} went unnoticed");
        foreach (var e in report.All.OfType<ErofsContentException>())
            Located(e);
        return report;
    }

    /// <summary>fsck reports an issue at <paramref name="nid"/> whose message contains <paramref name="text"/>.</summary>
    public static void FsckReports(WalkReport report, ulong nid, string text) =>
        Assert.True(report.Issues.Any(i => i.Nid == nid && i.Message.Contains(text, StringComparison.OrdinalIgnoreCase)),
            $"fsck did not report '{text}' at nid {nid}:\n{report.Describe()}");
}
