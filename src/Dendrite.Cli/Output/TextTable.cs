using System.Text;

namespace Dendrite.Cli.Output;

/// <summary>A plain aligned text table: first column left-aligned, the others right-aligned (numbers).</summary>
internal sealed class TextTable(params string[] header)
{
    private readonly List<string[]> _rows = [];

    public TextTable Add(params string[] row)
    {
        if (row.Length != header.Length) throw new ArgumentException($"row has {row.Length} cells, header {header.Length}");
        _rows.Add(row);
        return this;
    }

    public override string ToString()
    {
        int[] widths = header.Select((h, i) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[i].Length))).ToArray();
        var sb = new StringBuilder();
        void Line(string[] cells)
        {
            for (int i = 0; i < cells.Length; i++)
            {
                if (i > 0) sb.Append("  ");
                sb.Append(i == 0 ? cells[i].PadRight(widths[i]) : cells[i].PadLeft(widths[i]));
            }
            sb.Append('\n');
        }
        Line(header);
        sb.Append(new string('-', widths.Sum() + 2 * (widths.Length - 1))).Append('\n');
        foreach (var r in _rows) Line(r);
        return sb.ToString();
    }
}
