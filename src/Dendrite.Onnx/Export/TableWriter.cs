using Dendrite.Data.Tabular;
using Dendrite.Onnx.Protobuf;
using DataType = Dendrite.Onnx.Protobuf.TensorProto.Types.DataType;

namespace Dendrite.Onnx.Export;

/// <summary>
/// Writes a fitted <see cref="TabularPreprocessor"/> as graph nodes, reproducing its Transform: one graph input per
/// feature column, [batch, 1] — float for a numeric column (NaN = missing), string for a categorical one (as the CSV
/// reader yields it: trimmed; "" or a missing marker such as "NA" = missing). Numeric: (x − mean)/std computed in
/// double as Dendrite does, cast to float, 0 where x is missing, then the 0/1 missing indicator when the column has
/// one. Categorical: ai.onnx.ml LabelEncoder maps each training category to its index and every missing marker to
/// the fill category's index (an unseen category to −1), then Equal against 0…K−1 gives the one-hot row (all zeros
/// for an unseen category). The pieces are concatenated in the preprocessor's feature order.
/// </summary>
internal static class TableWriter
{
    /// <summary>Why the preprocessing cannot be written as graph nodes, or null when it can.</summary>
    public static string? Unsupported(TabularPreprocessor preprocessor)
    {
        foreach (FittedColumn column in preprocessor.Columns)
        {
            // An empty name is how ONNX marks an absent optional input, so it cannot name a graph input.
            if (column.Name.Length == 0) return "a feature column has an empty name, which cannot name an ONNX graph input";
            if (column.Kind is not (ColumnKind.Numeric or ColumnKind.Categorical))
                return $"column '{column.Name}' is of kind {column.Kind}, which has no ONNX form";
        }
        return null;
    }

    /// <summary>Declares the column inputs and writes the transform; returns the features value [batch, FeatureCount].</summary>
    public static string WriteInputs(GraphBuilder g, TabularPreprocessor preprocessor)
    {
        // Inputs first, so that every name the exporter makes afterwards steers clear of the column names.
        var inputs = preprocessor.Columns
            .Select(c => g.Input(c.Name, c.Kind == ColumnKind.Numeric ? DataType.Float : DataType.String, 1))
            .ToList();
        var pieces = new List<string>();
        for (int i = 0; i < inputs.Count; i++)
        {
            FittedColumn column = preprocessor.Columns[i];
            if (column.Kind == ColumnKind.Numeric) pieces.AddRange(Numeric(g, column, inputs[i]));
            else if (column.Categories!.Length > 0) pieces.Add(Categorical(g, column, inputs[i]));
        }
        if (pieces.Count == 1) return pieces[0];
        return g.Node("Concat", "features", pieces, Attributes.Int("axis", 1));
    }

    /// <summary>Model outputs z [batch, k] in target units: z·std + mean in double, exponentiated when the target was logged.</summary>
    public static string TargetFromModel(GraphBuilder g, FittedTarget target, string z)
    {
        const string Hint = "target";
        string t = g.Node("Cast", Hint, [z], Attributes.Int("to", (int)DataType.Double));
        t = g.Node("Mul", Hint, [t, g.ScalarDouble("target.std", target.Std)]);
        t = g.Node("Add", Hint, [t, g.ScalarDouble("target.mean", target.Mean)]);
        if (target.Log) t = g.Node("Exp", Hint, [t]);
        return g.Node("Cast", Hint, [t], Attributes.Int("to", (int)DataType.Float));
    }

    private static IEnumerable<string> Numeric(GraphBuilder g, FittedColumn column, string x)
    {
        string hint = column.Name;
        string d = g.Node("Cast", hint, [x], Attributes.Int("to", (int)DataType.Double));
        d = g.Node("Sub", hint, [d, g.ScalarDouble($"{hint}.mean", column.Mean)]);
        d = g.Node("Div", hint, [d, g.ScalarDouble($"{hint}.std", column.Std)]);
        string z = g.Node("Cast", hint, [d], Attributes.Int("to", (int)DataType.Float));
        string missing = g.Node("IsNaN", hint, [x]);
        // A missing value is filled with the training mean, which standardizes to exactly 0.
        yield return g.Node("Where", hint, [missing, g.Scalar($"{hint}.fill", 0f), z]);
        if (column.MissingIndicator) yield return g.Node("Cast", hint, [missing], Attributes.Int("to", (int)DataType.Float));
    }

    private static string Categorical(GraphBuilder g, FittedColumn column, string x)
    {
        string hint = column.Name;
        string[] categories = column.Categories!;
        var keys = new List<string>(categories);
        var values = Enumerable.Range(0, categories.Length).Select(k => (long)k).ToList();
        int fill = column.Fill is null ? -1 : Array.IndexOf(categories, column.Fill);
        var taken = new HashSet<string>(categories, StringComparer.Ordinal);
        if (fill >= 0)
        {
            foreach (string marker in MissingMarkers.All)
            {
                if (!taken.Add(marker)) continue; // a training category is never a missing marker; guard anyway
                keys.Add(marker);
                values.Add(fill);
            }
        }
        string index = g.MlNode("LabelEncoder", hint, [x],
            Attributes.Strings("keys_strings", keys), Attributes.Ints("values_int64s", values), Attributes.Int("default_int64", -1));
        string range = g.Int64s($"{hint}.categories", [.. Enumerable.Range(0, categories.Length).Select(k => (long)k)], categories.Length);
        string hot = g.Node("Equal", hint, [index, range]);
        return g.Node("Cast", hint, [hot], Attributes.Int("to", (int)DataType.Float));
    }
}
