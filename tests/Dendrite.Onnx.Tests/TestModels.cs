using Dendrite.Nn;
using Dendrite.Random;
using Dendrite.Training.Models;

namespace Dendrite.Onnx.Tests;

/// <summary>Small random MLPs around one activation, with batch norm or layer norm, as the export and import tests use them.</summary>
internal static class TestModels
{
    public const int Width = 5;
    public const int Hidden = 6;
    public const int Outputs = 3;

    /// <summary>Parameters unlike the defaults for each activation that has any, so that the exported attribute matters.</summary>
    public static Dictionary<string, float> CustomParameters(ActivationInfo info, int channels) => info.Name switch
    {
        "leaky_relu" => new() { ["negative_slope"] = 0.2f },
        "prelu" => new() { ["num_parameters"] = channels },
        "elu" => new() { ["alpha"] = 0.5f },
        "celu" => new() { ["alpha"] = 0.7f },
        "softplus" => new() { ["beta"] = 2f, ["threshold"] = 3f },
        "hardtanh" => new() { ["min_val"] = -0.5f, ["max_val"] = 0.8f },
        _ => [],
    };

    /// <summary>
    /// Flatten, Linear(5 → 6, or 12 before a gated activation), an optional norm ("batchnorm" or "layernorm", with
    /// random affine parameters and running statistics), the activation, Dropout, Linear(6 → 3).
    /// </summary>
    public static Sequential Mlp(ActivationInfo info, string norm, bool custom, ulong seed)
    {
        var rng = new Rng(seed);
        int width = info.IsGated ? 2 * Hidden : Hidden;
        Module activation = custom ? info.Create(CustomParameters(info, width)) : info.Create();
        var layers = new List<Module> { new Flatten(), new Linear(Width, width, rng) };
        if (norm == "batchnorm")
        {
            var bn = new BatchNorm1d(width);
            Fill(bn.Weight!.Data, rng, 0.5f, 1.5f);
            Fill(bn.Bias!.Data, rng, -0.5f, 0.5f);
            Fill(bn.RunningMean.Data, rng, -0.5f, 0.5f);
            Fill(bn.RunningVar.Data, rng, 0.5f, 2f);
            layers.Add(bn);
        }
        else if (norm == "layernorm")
        {
            var ln = new LayerNorm(width);
            Fill(ln.Weight!.Data, rng, 0.5f, 1.5f);
            Fill(ln.Bias!.Data, rng, -0.5f, 0.5f);
            layers.Add(ln);
        }
        if (activation is PReLU prelu) Fill(prelu.Weight.Data, rng, -0.5f, 0.5f);
        layers.Add(activation);
        layers.Add(new Dropout(0.3f, rng.Fork()));
        layers.Add(new Linear(Hidden, Outputs, rng));
        return new Sequential([.. layers]);
    }

    /// <summary>A classifier of plain feature rows around <paramref name="network"/>.</summary>
    public static TrainedModel Classifier(Module network, int inputs = Width) =>
        new(network, ModelInfo.Classifier(["a", "b", "c"], new FeatureInput(inputs)));

    /// <summary><paramref name="rows"/> × <paramref name="width"/> values N(0, scale²): large enough to reach every
    /// activation's saturated and linear regions (hardtanh's corners, relu6's 6, softplus' threshold).</summary>
    public static float[] Inputs(int rows, int width, ulong seed, float scale = 3f)
    {
        var rng = new Rng(seed);
        var x = new float[rows * width];
        for (int i = 0; i < x.Length; i++) x[i] = rng.NextNormal() * scale;
        return x;
    }

    private static void Fill(float[] values, Rng rng, float lo, float hi)
    {
        for (int i = 0; i < values.Length; i++) values[i] = lo + ((hi - lo) * rng.NextFloat());
    }
}
