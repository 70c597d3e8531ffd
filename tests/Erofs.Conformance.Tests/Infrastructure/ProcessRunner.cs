using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Erofs.Conformance.Tests.Infrastructure;

/// <summary>Runs external programs with captured output and a timeout that kills the whole process tree.</summary>
public static class ProcessRunner
{
    /// <summary>Timeout used when none is given.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

    /// <summary>Runs <paramref name="file"/> with <paramref name="args"/> and the default timeout.</summary>
    public static ProcessResult Run(string file, params string[] args) => Run(file, args, DefaultTimeout);

    /// <summary>
    /// Runs <paramref name="file"/> (a path, or a name looked up in PATH) with the arguments passed verbatim
    /// (no shell). Standard input is empty. Throws <see cref="ProcessTimeoutException"/> after killing the
    /// process tree when <paramref name="timeout"/> passes, and <see cref="InvalidOperationException"/> when the
    /// program cannot be started.
    /// </summary>
    public static ProcessResult Run(string file, IEnumerable<string> args, TimeSpan timeout, string? workingDirectory = null)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        // Fixed, parseable messages from the tools.
        psi.Environment["LC_ALL"] = "C";
        var commandLine = FormatCommandLine(file, psi.ArgumentList);

        using var process = new Process { StartInfo = psi };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data);

        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException($"Could not start '{commandLine}': {ex.Message}", ex);
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // WaitForExitAsync also waits for the end of both output streams, so nothing is lost.
        if (!WaitForExitAndOutput(process, timeout))
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Exited between the timeout and the kill.
            }

            WaitForExitAndOutput(process, TimeSpan.FromSeconds(10));
            throw new ProcessTimeoutException(commandLine, timeout, Snapshot(stdout), Snapshot(stderr));
        }

        return new ProcessResult(commandLine, process.ExitCode, Snapshot(stdout), Snapshot(stderr));
    }

    /// <summary>Runs and throws unless the exit code is 0 (default timeout).</summary>
    public static ProcessResult RunChecked(string file, params string[] args) => Run(file, args, DefaultTimeout).EnsureSuccess();

    /// <summary>Runs and throws unless the exit code is 0.</summary>
    public static ProcessResult RunChecked(string file, IEnumerable<string> args, TimeSpan timeout) => Run(file, args, timeout).EnsureSuccess();

    /// <summary>Formats a command line for messages, quoting arguments that need it.</summary>
    public static string FormatCommandLine(string file, IEnumerable<string> args) =>
        string.Join(' ', new[] { file }.Concat(args).Select(Quote));

    private static string Quote(string arg)
    {
        if (arg.Length > 0 && arg.All(c => char.IsAsciiLetterOrDigit(c) || "-_=./,:@+%".Contains(c)))
        {
            return arg.Length > 200 ? arg[..200] + "..." : arg;
        }

        var quoted = "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
        return quoted.Length > 200 ? quoted[..200] + "...'" : quoted;
    }

    private static bool WaitForExitAndOutput(Process process, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            process.WaitForExitAsync(cts.Token).GetAwaiter().GetResult();
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static void Append(StringBuilder sb, string? line)
    {
        if (line == null)
        {
            return;
        }

        lock (sb)
        {
            sb.Append(line).Append('\n');
        }
    }

    private static string Snapshot(StringBuilder sb)
    {
        lock (sb)
        {
            return sb.ToString();
        }
    }
}
