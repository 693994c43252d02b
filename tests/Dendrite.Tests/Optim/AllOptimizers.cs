using Dendrite.Optim;
using Dendrite.Tensors;

namespace Dendrite.Tests.Optim;

/// <summary>One configuration per optimizer that switches on every state buffer it can have.</summary>
internal static class AllOptimizers
{
    public static readonly Dictionary<string, Func<IEnumerable<Parameter>, IOptimizer>> Makers = new()
    {
        ["sgd"] = ps => new Sgd(ps, new SgdOptions(0.05f, 0.01f, 0.9f, 0f, true)),
        ["adam"] = ps => new Adam(ps, new AdamOptions(0.05f, WeightDecay: 0.01f, AmsGrad: true)),
        ["adamw"] = ps => new AdamW(ps, new AdamWOptions(0.05f, AmsGrad: true)),
        ["rmsprop"] = ps => new RmsProp(ps, new RmsPropOptions(0.01f, WeightDecay: 0.01f, Momentum: 0.5f, Centered: true)),
        ["adagrad"] = ps => new Adagrad(ps, new AdagradOptions(0.1f, 0.01f, 0.01f, 0.1f)),
        ["adadelta"] = ps => new Adadelta(ps, new AdadeltaOptions(WeightDecay: 0.01f)),
    };

    public static TheoryData<string> Names => [.. Makers.Keys];
}
