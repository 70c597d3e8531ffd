using Erofs.Building;

namespace Erofs.Tests.Building;

public sealed class PosixRegexTests
{
    [Theory]
    [InlineData(@"^(foo|bar)\.txt$", "foo.txt", true)]
    [InlineData(@"^(foo|bar)\.txt$", "bar.txt", true)]
    [InlineData(@"^(foo|bar)\.txt$", "baz.txt", false)]
    [InlineData(@"^(foo|bar)\.txt$", "xfoo.txt", false)]
    [InlineData(@"^(foo|bar)\.txt$", "fooxtxt", false)]
    [InlineData("oo", "foobar", true)]          // a search, not a whole-string match
    [InlineData("^a", "ba", false)]
    [InlineData("b$", "ab", true)]
    [InlineData("b$", "ba", false)]
    [InlineData("^[[:digit:]]+$", "2024", true)]
    [InlineData("^[[:digit:]]+$", "20x4", false)]
    [InlineData("[[:upper:]]", "abc", false)]
    [InlineData("^a{2,3}$", "aaa", true)]
    [InlineData("^a{2,3}$", "aaaa", false)]
    [InlineData("^colou?r$", "color", true)]
    [InlineData("a|b", "b", true)]             // ERE: | alternates (in BRE it would be literal)
    [InlineData(@"a\|b", "a|b", true)]          // escaped, it is a literal bar
    [InlineData("^$", "", true)]
    [InlineData("(^|/)cache(/|$)", "var/cache/apt", true)]
    [InlineData("(^|/)cache(/|$)", "var/cachet", false)]
    public void Matches_like_posix_extended_syntax(string pattern, string input, bool expected)
    {
        using var regex = new PosixRegex(pattern);
        Assert.Equal(expected, regex.IsMatch(input));
        Assert.Equal(expected, regex.IsMatch(System.Text.Encoding.UTF8.GetBytes(input)));
    }

    [Theory]
    [InlineData("(", "Unmatched ( or \\(")]
    [InlineData("[a", "Unmatched [, [^, [:, [., or [=")]
    [InlineData("a{2,1}", "Invalid content of \\{\\}")]
    [InlineData("[[:nope:]]", "Invalid character class name")]
    public void A_bad_pattern_is_an_argument_exception_with_the_libc_text(string pattern, string reason)
    {
        var e = Assert.Throws<ArgumentException>(() => new PosixRegex(pattern));
        Assert.StartsWith($"Invalid regular expression '{pattern}': {reason}", e.Message);
    }

    [Fact]
    public void A_nul_in_the_pattern_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new PosixRegex("a\0b"));
        Assert.Contains("NUL", e.Message);
    }

    [Fact]
    public void Bytes_need_no_terminator_and_may_hold_any_value()
    {
        using var regex = new PosixRegex("^ab$");
        byte[] buffer = "abX"u8.ToArray();
        Assert.True(regex.IsMatch(buffer.AsSpan(0, 2)));  // only the span counts, not what follows
        Assert.False(regex.IsMatch(buffer));
        using var prefix = new PosixRegex("^bad");
        Assert.True(prefix.IsMatch([(byte)'b', (byte)'a', (byte)'d', 0xFF, 0xFE]));
        Assert.False(regex.IsMatch(ReadOnlySpan<byte>.Empty));
    }

    [Fact]
    public void Matching_is_by_bytes_as_in_the_c_locale()
    {
        // .NET never calls setlocale, so glibc stays in the "C" locale (as mkfs.erofs does):
        // '.' is one byte, and 'é' is two.
        using var one = new PosixRegex("^a.b$");
        using var two = new PosixRegex("^a..b$");
        Assert.False(one.IsMatch("aéb"));
        Assert.True(two.IsMatch("aéb"));
        Assert.True(one.IsMatch([(byte)'a', 0xFF, (byte)'b']));
    }

    [Fact]
    public void Many_threads_can_match_with_one_regex()
    {
        using var regex = new PosixRegex(@"^usr/(lib|share)/.*\.so(\.[[:digit:]]+)*$");
        int wrong = 0;
        Parallel.For(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            bool expected = i % 2 == 0;
            string path = expected ? $"usr/lib/libx{i}.so.{i % 7}" : $"usr/lib/libx{i}.a";
            if (regex.IsMatch(path) != expected)
                Interlocked.Increment(ref wrong);
        });
        Assert.Equal(0, wrong);
    }

    [Fact]
    public void A_disposed_regex_refuses_to_match()
    {
        var regex = new PosixRegex("x");
        regex.Dispose();
        Assert.Throws<ObjectDisposedException>(() => regex.IsMatch("x"));
    }

    [Fact]
    public void Long_inputs_are_matched_whole()
    {
        using var regex = new PosixRegex("z$");
        Assert.True(regex.IsMatch(new string('a', 100_000) + "z"));
        Assert.False(regex.IsMatch(new string('a', 100_000)));
        Assert.Equal("z$", regex.Pattern);
    }
}
