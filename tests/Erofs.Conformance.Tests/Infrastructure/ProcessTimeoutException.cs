namespace Erofs.Conformance.Tests.Infrastructure;

/// <summary>Thrown when a process run by <see cref="ProcessRunner"/> exceeds its timeout (the process tree was killed).</summary>
public sealed class ProcessTimeoutException : TimeoutException
{
    /// <summary>Creates the exception.</summary>
    public ProcessTimeoutException(string commandLine, TimeSpan timeout, string stdOut, string stdErr)
        : base($"'{commandLine}' did not finish within {timeout.TotalSeconds:0.#} s and was killed.\nstdout so far:\n{stdOut}\nstderr so far:\n{stdErr}")
    {
        CommandLine = commandLine;
        Timeout = timeout;
        StdOut = stdOut;
        StdErr = stdErr;
    }

    /// <summary>Standard output written before the kill.</summary>
    public string StdOut { get; }

    /// <summary>Standard error written before the kill.</summary>
    public string StdErr { get; }

    /// <summary>The command that timed out.</summary>
    public string CommandLine { get; }

    /// <summary>The timeout that was exceeded.</summary>
    public TimeSpan Timeout { get; }
}
