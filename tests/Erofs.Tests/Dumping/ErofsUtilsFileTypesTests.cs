using System.Text;
using Erofs.Dumping;

namespace Erofs.Tests.Dumping;

/// <summary>dump.erofs -S's "File type distribution" matches extensions by prefix (strncmp over the suffix's length).</summary>
public sealed class ErofsUtilsFileTypesTests
{
    [Theory]
    [InlineData("notes.txt", ".txt")]
    [InlineData("lib.so", ".so")]
    [InlineData("app.apk", ".apk")]
    [InlineData("init.rc", ".rc")]
    [InlineData(".rc", ".rc")]
    // A suffix that is a prefix of a listed extension matches the first such one.
    [InlineData("a.t", ".txt")]
    [InlineData("a.", ".txt")]
    [InlineData("b.o", ".odex")]
    [InlineData("c.ot", ".otf")]
    [InlineData("d.x", ".xml")]
    [InlineData("e.v", ".vdex")]
    // Longer suffixes, other cases and names without a dot are "others".
    [InlineData("notes.txt2", "others")]
    [InlineData("NOTES.TXT", "others")]
    [InlineData("lib.so.1", "others")]
    [InlineData("archive.tar", "others")]
    [InlineData("README", "others")]
    public void ClassifiesAsDumpErofs(string name, string expected) =>
        Assert.Equal(expected, ErofsUtilsFileTypes.Labels[ErofsUtilsFileTypes.Classify(Encoding.UTF8.GetBytes(name))]);

    [Fact]
    public void ANulInTheSuffixEndsTheComparison()
    {
        // strncmp stops at a NUL: ".txt\0x" equals ".txt"; ".t\0" does not (the label goes on).
        Assert.Equal(0, ErofsUtilsFileTypes.Classify("a.txt\0x"u8));
        Assert.Equal(ErofsUtilsFileTypes.Labels.Count - 1, ErofsUtilsFileTypes.Classify("a.t\0"u8));
    }

    [Fact]
    public void TheLastBucketIsOthers() => Assert.Equal("others", ErofsUtilsFileTypes.Labels[^1]);
}
