using Erofs.Conformance.Tests.Mounting;

namespace Erofs.Conformance.Tests;

/// <summary>
/// The test assembly's entry point. `dotnet test` never calls it; tests start it
/// (<c>dotnet Erofs.Conformance.Tests.dll MODE ...</c>) for what must happen in a process of its own.
/// </summary>
internal static class HelperProgram
{
    public static int Main(string[] args)
    {
        if (args is [DetachedMountHolder.Mode, var image, var objects])
            return DetachedMountHolder.Run(image, objects);
        Console.Error.WriteLine($"Erofs.Conformance.Tests: run by 'dotnet test'; the only helper mode is '{DetachedMountHolder.Mode} IMAGE OBJECTS'");
        return 2;
    }
}
