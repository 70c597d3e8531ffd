using Erofs.Building;

namespace Erofs.Fuzz;

/// <summary>The rule every entry point follows: the only exceptions bad bytes may cause.</summary>
internal static class AllowedExceptions
{
    /// <summary>Content errors, valid-looking but unsupported features, failures of the underlying file.</summary>
    public static bool ForImages(Exception e) => e is ErofsContentException or NotSupportedException or IOException;

    /// <summary>The tar reader also names a broken archive with <see cref="InvalidSourceException"/>.</summary>
    public static bool ForTar(Exception e) => e is InvalidSourceException || ForImages(e);

    /// <summary>Runs <paramref name="action"/>; an allowed exception ends it quietly.</summary>
    public static void Guard(Action action, Func<Exception, bool> allowed)
    {
        try
        {
            action();
        }
        catch (Exception e) when (allowed(e))
        {
        }
    }
}
