using System.Runtime.CompilerServices;
using Dendrite.Autograd;
using Dendrite.Nn.Fused;
using Dendrite.Tensors;

namespace Dendrite.Nn;

/// <summary>
/// Inference without an autograd graph: <c>model.Predict(x)</c>. Models that compile to a <see cref="FusedMlp"/>
/// run through the fused plan (cached per model, buffers reused, so batch-1 latency is a few microseconds);
/// any other model runs its Forward in eval mode under <see cref="AutogradContext.NoGrad"/>.
/// </summary>
public static class ModelInference
{
    private static readonly ConditionalWeakTable<Module, PlanHolder> Plans = new();

    /// <summary>Logits [batch, outputs] for <paramref name="input"/> [batch, …]. Not thread-safe per model.</summary>
    public static Tensor Predict(this Module model, Tensor input)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(input);
        FusedMlp? plan = PlanFor(model);
        if (plan is null) return ForwardNoGrad(model, input);
        int batch = input.Rank == 0 ? 1 : input.Dim(0);
        if (batch == 0 || input.Size != batch * plan.InputWidth)
            throw new ShapeMismatchException($"model expects input [batch, {plan.InputWidth}], got {input.ShapeString}");
        var logits = Tensor.Zeros(batch, plan.OutputWidth);
        plan.Predict(input.Data, batch, logits.Data);
        return logits;
    }

    /// <summary>Span form for hot loops: writes logits [batch, outputs] and allocates nothing after the first call.</summary>
    public static void Predict(this Module model, ReadOnlySpan<float> input, int batch, Span<float> logits)
    {
        ArgumentNullException.ThrowIfNull(model);
        FusedMlp plan = PlanFor(model)
            ?? throw new NotSupportedException($"the span form of Predict needs a model the fused plan compiles (Linear layers with BatchNorm1d, fusable activations, Dropout); use Predict(Tensor) for {model.GetType().Name}");
        plan.Predict(input, batch, logits);
    }

    private static FusedMlp? PlanFor(Module model) => Plans.GetValue(model, m => new PlanHolder(FusedMlp.TryCompile(m))).Plan;

    private static Tensor ForwardNoGrad(Module model, Tensor input)
    {
        bool wasTraining = model.IsTraining;
        model.Eval();
        try
        {
            using var _ = AutogradContext.NoGrad();
            return model.Forward(input);
        }
        finally
        {
            model.Train(wasTraining);
        }
    }

    private sealed record PlanHolder(FusedMlp? Plan);
}
