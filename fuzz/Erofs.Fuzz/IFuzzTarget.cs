namespace Erofs.Fuzz;

/// <summary>One entry point fed with untrusted bytes.</summary>
internal interface IFuzzTarget
{
    /// <summary>The name given to fuzz/run.sh and on the command line.</summary>
    string Name { get; }

    /// <summary>
    /// Runs the entry point over <paramref name="input"/>. Allowed exceptions are caught inside;
    /// anything else (and any broken invariant) escapes and is a crash.
    /// </summary>
    void Run(byte[] input);
}
