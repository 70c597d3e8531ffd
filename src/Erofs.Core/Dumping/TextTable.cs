namespace Erofs.Dumping;

/// <summary>A plain-text table: columns padded to their widest cell, numbers right-aligned.</summary>
internal sealed class TextTable(params (string Header, bool RightAlign)[] columns)
{
    private readonly List<string[]> _rows = [];

    public void Add(params string[] cells)
    {
        if (cells.Length != columns.Length)
            throw new ArgumentException($"expected {columns.Length} cells, got {cells.Length}", nameof(cells));
        _rows.Add(cells);
    }

    /// <summary>Writes the header and rows, each line prefixed by <paramref name="indent"/>.</summary>
    public void Write(TextWriter output, string indent)
    {
        var widths = new int[columns.Length];
        for (int c = 0; c < columns.Length; c++)
            widths[c] = Math.Max(columns[c].Header.Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[c].Length));
        WriteLine(output, indent, columns.Select(c => c.Header).ToArray(), widths);
        foreach (var row in _rows)
            WriteLine(output, indent, row, widths);
    }

    private void WriteLine(TextWriter output, string indent, string[] cells, int[] widths)
    {
        var parts = new string[cells.Length];
        for (int c = 0; c < cells.Length; c++)
        {
            bool last = c == cells.Length - 1;
            // No trailing spaces: the last left-aligned cell is not padded.
            parts[c] = columns[c].RightAlign ? cells[c].PadLeft(widths[c]) : last ? cells[c] : cells[c].PadRight(widths[c]);
        }
        output.WriteLine(indent + string.Join("  ", parts).TrimEnd());
    }
}
