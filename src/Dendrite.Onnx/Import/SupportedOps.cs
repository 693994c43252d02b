using Dendrite.Onnx.Protobuf;

namespace Dendrite.Onnx.Import;

/// <summary>The ops the importer reads, for its checks and for the one line that refuses anything else.</summary>
internal static class SupportedOps
{
    /// <summary>Ops that may appear inside an activation (elementwise, or Split for the gated ones).</summary>
    private static readonly HashSet<string> s_activationOps = new(StringComparer.Ordinal)
    {
        "Relu", "LeakyRelu", "PRelu", "Elu", "Selu", "Celu", "Sigmoid", "Tanh", "Softplus", "Softsign", "HardSigmoid", "Clip",
        "Add", "Mul", "Div", "Erf", "Abs", "Pow", "Where", "Greater", "Split",
    };

    /// <summary>The supported set, as the refusal message lists it.</summary>
    public const string Description =
        "supported: Gemm, MatMul(+Add), Flatten, BatchNormalization, LayerNormalization, Identity, Dropout, Relu, LeakyRelu, PRelu, " +
        "Elu, Selu, Celu, Sigmoid, Tanh, Softplus, Softsign, HardSigmoid, Clip, and the GELU/SiLU/Mish/GLU forms of Erf, Mul, Add, Div, Split";

    /// <summary>Whether <paramref name="node"/> can be part of an activation.</summary>
    public static bool IsActivationOp(NodeProto node) => GraphView.IsDefaultDomain(node) && s_activationOps.Contains(node.OpType);
}
