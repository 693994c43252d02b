using Dendrite.Nn;

namespace Dendrite.Onnx.Export;

/// <summary>
/// Writes a network of library layers as ONNX nodes, in eval form: Linear → Gemm (transB = 1, weights under their
/// state-dict names, as PyTorch writes them), BatchNorm1d → BatchNormalization with the running statistics,
/// LayerNorm → LayerNormalization (opset 17), Flatten → Flatten, activations through <see cref="ActivationWriter"/>,
/// Dropout → nothing (the identity at inference). Nested Sequentials are walked in order.
/// </summary>
internal static class NetworkWriter
{
    /// <summary>Writes <paramref name="module"/> applied to <paramref name="x"/>; returns the output value.</summary>
    /// <exception cref="DendriteException">a custom module (not a library layer), which has no ONNX form.</exception>
    public static string Write(GraphBuilder g, Module module, string x, string path = "")
    {
        switch (module)
        {
            case Sequential s:
                foreach (var (name, child) in s.NamedChildren()) x = Write(g, child, x, path.Length == 0 ? name : $"{path}.{name}");
                return x;
            case Linear l:
                {
                    string w = g.Initializer($"{path}.weight", l.Weight.Data, l.OutFeatures, l.InFeatures);
                    List<string> inputs = [x, w];
                    if (l.Bias is not null) inputs.Add(g.Initializer($"{path}.bias", l.Bias.Data, l.OutFeatures));
                    return g.Node("Gemm", path, inputs, Attributes.Float("alpha", 1f), Attributes.Float("beta", 1f), Attributes.Int("transB", 1));
                }
            case BatchNorm1d b:
                {
                    var (scale, bias) = Affine(g, b.Weight?.Data, b.Bias?.Data, b.Features, path);
                    string mean = g.Initializer($"{path}.running_mean", b.RunningMean.Data, b.Features);
                    string variance = g.Initializer($"{path}.running_var", b.RunningVar.Data, b.Features);
                    // ONNX's momentum weighs the old statistic (PyTorch's weighs the new one); informative only in eval form.
                    return g.Node("BatchNormalization", path, [x, scale, bias, mean, variance],
                        Attributes.Float("epsilon", b.Eps), Attributes.Float("momentum", 1f - b.Momentum), Attributes.Int("training_mode", 0));
                }
            case LayerNorm n:
                {
                    var (scale, bias) = Affine(g, n.Weight?.Data, n.Bias?.Data, n.NormalizedShape, path);
                    return g.Node("LayerNormalization", path, [x, scale, bias], Attributes.Int("axis", -1), Attributes.Float("epsilon", n.Eps));
                }
            case Dropout:
                return x;
            case Flatten:
                return g.Node("Flatten", path, [x], Attributes.Int("axis", 1));
            default:
                if (ActivationRegistry.TryDescribe(module, out _)) return ActivationWriter.Write(g, module, x, path);
                throw new DendriteException(
                    $"layer {(path.Length == 0 ? "(root)" : path)} is {module.GetType().Name}, not a library layer; only Sequentials of library layers export to ONNX");
        }
    }

    /// <summary>
    /// γ and β as initializers under their state-dict names, or, for a norm without affine parameters, fixed ones and
    /// zeros as Constant nodes (ONNX requires a scale; the importer tells the two apart as it does for PyTorch's files).
    /// </summary>
    private static (string Scale, string Bias) Affine(GraphBuilder g, float[]? weight, float[]? bias, int width, string path)
    {
        if (weight is not null && bias is not null)
            return (g.Initializer($"{path}.weight", weight, width), g.Initializer($"{path}.bias", bias, width));
        float[] ones = new float[width];
        Array.Fill(ones, 1f);
        return (g.ConstantNode($"{path}.ones", ones, width), g.ConstantNode($"{path}.zeros", new float[width], width));
    }
}
