namespace Erofs.Conformance.Tests.Infrastructure;

/// <summary>The outcome of a finished process.</summary>
/// <param name="CommandLine">The command as run, for messages.</param>
/// <param name="ExitCode">The exit code.</param>
/// <param name="StdOut">Everything written to standard output.</param>
/// <param name="StdErr">Everything written to standard error.</param>
public sealed record ProcessResult(string CommandLine, int ExitCode, string StdOut, string StdErr)
{
    /// <summary>Whether the exit code is 0.</summary>
    public bool Succeeded => ExitCode == 0;

    /// <summary>Throws <see cref="InvalidOperationException"/> with the output if the exit code is not 0.</summary>
    public ProcessResult EnsureSuccess()
    {
        if (!Succeeded)
        {
            throw new InvalidOperationException(
                $"'{CommandLine}' exited with {ExitCode}.\nstdout:\n{StdOut}\nstderr:\n{StdErr}");
        }

        return this;
    }
}
