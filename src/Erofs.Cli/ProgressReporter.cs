using System.Diagnostics;

namespace Erofs.Cli;

/// <summary>
/// A one-line progress display on standard error for long walks, drawn only on a terminal and at
/// most ten times a second; <see cref="Dispose"/> clears the line.
/// </summary>
internal sealed class ProgressReporter(TextWriter error, string label, long total) : IProgress<long>, IDisposable
{
    private const int BarWidth = 30;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _lastDrawMs = -1000;
    private bool _drawn;

    public void Report(long value)
    {
        long now = _clock.ElapsedMilliseconds;
        if (now - _lastDrawMs < 100)
            return;
        _lastDrawMs = now;
        _drawn = true;
        if (total > 0)
        {
            long shown = Math.Min(value, total);
            int filled = (int)(BarWidth * shown / total);
            error.Write($"\r{label} [{new string('#', filled)}{new string('.', BarWidth - filled)}] {shown}/{total}");
        }
        else
        {
            error.Write($"\r{label} {value}");
        }
        error.Flush();
    }

    public void Dispose()
    {
        if (!_drawn)
            return;
        error.Write("\r" + new string(' ', label.Length + BarWidth + 32) + "\r");
        error.Flush();
    }

    /// <summary>A reporter when standard error is a terminal, else null (no output at all).</summary>
    public static ProgressReporter? ForTerminal(Commands.CommandContext context, string label, long total) =>
        context.ErrorIsTerminal ? new ProgressReporter(context.Error, label, total) : null;
}
