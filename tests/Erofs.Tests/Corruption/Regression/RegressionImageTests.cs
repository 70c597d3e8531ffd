using System.Text.RegularExpressions;
using Erofs.Building;
using Erofs.Building.Tar;
using Erofs.Checking;
using Erofs.Reading;
using Erofs.Storage;

namespace Erofs.Tests.Corruption.Regression;

/// <summary>
/// The committed regression inputs (tests/Erofs.Tests/Data/Hostile) each give their expected error:
/// the exception type, the reason, and where (nid / offset / path). Their recipes regenerate inputs
/// with the same outcome; set EROFS_WRITE_HOSTILE_INPUTS=1 to rewrite the committed files.
/// </summary>
public sealed class RegressionImageTests
{
    public static TheoryData<string> Files => [.. HostileRecipes.All.Select(c => c.File)];

    private static string DataDirectory => Path.Combine(TestCorpus.Repository, "tests", "Erofs.Tests", "Data", "Hostile");

    [Theory]
    [MemberData(nameof(Files))]
    public void CommittedInputGivesItsExpectedError(string file)
    {
        var hostile = HostileRecipes.All.Single(c => c.File == file);
        AssertOutcome(hostile, File.ReadAllBytes(Path.Combine(DataDirectory, file)));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void RecipeRegeneratesAnInputWithTheSameError(string file)
    {
        var hostile = HostileRecipes.All.Single(c => c.File == file);
        var bytes = hostile.Make();
        AssertOutcome(hostile, bytes);
        if (Environment.GetEnvironmentVariable("EROFS_WRITE_HOSTILE_INPUTS") == "1")
            File.WriteAllBytes(Path.Combine(DataDirectory, file), bytes);
    }

    [Fact]
    public void ReadmeDescribesEveryInputAndNothingElseIsThere()
    {
        string readme = File.ReadAllText(Path.Combine(DataDirectory, "README.md"));
        foreach (var hostile in HostileRecipes.All)
            Assert.Contains($"`{hostile.File}`", readme, StringComparison.Ordinal);
        var present = Directory.EnumerateFiles(DataDirectory).Select(Path.GetFileName).Where(f => f != "README.md");
        Assert.Equal(HostileRecipes.All.Select(c => c.File).Order(), present.Order());
    }

    private static void AssertOutcome(HostileCase hostile, byte[] bytes)
    {
        var (type, message) = Bounded.Run(() => Outcome(hostile, bytes), hostile.File);
        Assert.True(type == hostile.Expected, $"{hostile.File}: expected {hostile.Expected.Name}, got {type.Name}: {message}");
        if (hostile.Expected == typeof(void))
            return;
        Assert.Contains(hostile.Reason, message, StringComparison.Ordinal);
        Assert.Matches(new Regex(hostile.Where, RegexOptions.Multiline), message);
    }

    // The exception type and message the input gives (void and "" when it gives none).
    private static (Type Type, string Message) Outcome(HostileCase hostile, byte[] bytes)
    {
        try
        {
            if (hostile.Provoke == Provoke.Tar)
            {
                using var archive = TarArchive.Open(new MemoryStream(bytes), hostile.File, new TarReadOptions());
                return (typeof(void), "");
            }
            using var image = ErofsImage.Open(new MemoryBlockSource(bytes));
            if (hostile.Provoke == Provoke.Fsck)
            {
                var issues = new ImageChecker(image, new CheckOptions { ReadAllData = true }).Check();
                return issues.Count == 0 ? (typeof(void), "") : (typeof(ErofsContentException), string.Join("\n", issues));
            }
            if (hostile.Provoke == Provoke.Open)
                return (typeof(void), "");
            var inode = image.ResolvePath(hostile.Path) ?? throw new InvalidOperationException($"{hostile.File}: no {hostile.Path}");
            if (hostile.Provoke == Provoke.Xattrs)
                image.ListXattrs(inode);
            else if (hostile.Provoke is Provoke.Read or Provoke.ReadSucceeds)
                image.OpenRead(inode).CopyTo(Stream.Null);
            return (typeof(void), "");
        }
        catch (Exception e) when (e is ErofsContentException or NotSupportedException or IOException or InvalidSourceException)
        {
            return (e.GetType(), e.Message);
        }
    }
}
