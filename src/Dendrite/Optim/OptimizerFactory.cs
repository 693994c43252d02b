using Dendrite.Tensors;

namespace Dendrite.Optim;

/// <summary>Builds any optimizer from a kind (or its name) and <see cref="OptimizerSettings"/>; used at the CLI edge.</summary>
public static class OptimizerFactory
{
    private static readonly (string Name, OptimizerKind Kind)[] Names =
    [
        ("sgd", OptimizerKind.Sgd), ("adam", OptimizerKind.Adam), ("adamw", OptimizerKind.AdamW),
        ("rmsprop", OptimizerKind.RmsProp), ("adagrad", OptimizerKind.Adagrad), ("adadelta", OptimizerKind.Adadelta),
    ];

    /// <summary>The accepted names, lower case, in enum order.</summary>
    public static IReadOnlyList<string> KindNames { get; } = [.. Names.Select(n => n.Name)];

    /// <summary>The command-line name of <paramref name="kind"/>.</summary>
    public static string NameOf(OptimizerKind kind) =>
        Names.FirstOrDefault(n => n.Kind == kind).Name ?? throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown optimizer kind");

    /// <summary>Parses "sgd", "adam", "adamw", "rmsprop", "adagrad" or "adadelta" (any case).</summary>
    public static bool TryParseKind(string? name, out OptimizerKind kind)
    {
        foreach (var (n, k) in Names)
        {
            if (string.Equals(n, name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                kind = k;
                return true;
            }
        }
        kind = default;
        return false;
    }

    /// <summary>Parses an optimizer name as <see cref="TryParseKind"/> does (any case, outer spaces ignored).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The name is none of <see cref="KindNames"/>.</exception>
    public static OptimizerKind ParseKind(string name) => TryParseKind(name, out var kind)
        ? kind
        : throw new ArgumentOutOfRangeException(nameof(name), name, $"unknown optimizer '{name}'; expected one of {string.Join(", ", KindNames)}");

    /// <summary>Builds the optimizer for <paramref name="settings"/> over <paramref name="parameters"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is invalid or does not apply to the chosen optimizer.</exception>
    public static IOptimizer Create(IEnumerable<Parameter> parameters, OptimizerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var s = settings;
        bool sgd = s.Kind == OptimizerKind.Sgd, adamFamily = s.Kind is OptimizerKind.Adam or OptimizerKind.AdamW;
        Forbid(s.Kind, s.Momentum is not null && !(sgd || s.Kind == OptimizerKind.RmsProp), "Momentum");
        Forbid(s.Kind, s.Beta1 is not null && !adamFamily, "Beta1");
        Forbid(s.Kind, s.Beta2 is not null && !adamFamily, "Beta2");
        Forbid(s.Kind, s.AmsGrad && !adamFamily, "AmsGrad");
        Forbid(s.Kind, s.Epsilon is not null && sgd, "Epsilon");
        Forbid(s.Kind, s.Nesterov && !sgd, "Nesterov");
        switch (s.Kind)
        {
            case OptimizerKind.Sgd:
                if (s.LearningRate is not { } lr) OptionCheck.Fail("nothing", "LearningRate", "is required for sgd (it has no default)");
                else return new Sgd(parameters, new SgdOptions(lr, s.WeightDecay ?? 0f, s.Momentum ?? 0f, 0f, s.Nesterov));
                break;
            case OptimizerKind.Adam:
                var adam = new AdamOptions();
                return new Adam(parameters, new AdamOptions(s.LearningRate ?? adam.LearningRate, s.Beta1 ?? adam.Beta1, s.Beta2 ?? adam.Beta2,
                    s.Epsilon ?? adam.Epsilon, s.WeightDecay ?? adam.WeightDecay, s.AmsGrad));
            case OptimizerKind.AdamW:
                var adamW = new AdamWOptions();
                return new AdamW(parameters, new AdamWOptions(s.LearningRate ?? adamW.LearningRate, s.Beta1 ?? adamW.Beta1, s.Beta2 ?? adamW.Beta2,
                    s.Epsilon ?? adamW.Epsilon, s.WeightDecay ?? adamW.WeightDecay, s.AmsGrad));
            case OptimizerKind.RmsProp:
                var rms = new RmsPropOptions();
                return new RmsProp(parameters, new RmsPropOptions(s.LearningRate ?? rms.LearningRate, rms.Alpha, s.Epsilon ?? rms.Epsilon,
                    s.WeightDecay ?? rms.WeightDecay, s.Momentum ?? rms.Momentum));
            case OptimizerKind.Adagrad:
                var adagrad = new AdagradOptions();
                return new Adagrad(parameters, new AdagradOptions(s.LearningRate ?? adagrad.LearningRate, adagrad.LearningRateDecay,
                    s.WeightDecay ?? adagrad.WeightDecay, adagrad.InitialAccumulatorValue, s.Epsilon ?? adagrad.Epsilon));
            case OptimizerKind.Adadelta:
                var adadelta = new AdadeltaOptions();
                return new Adadelta(parameters, new AdadeltaOptions(s.LearningRate ?? adadelta.LearningRate, adadelta.Rho,
                    s.Epsilon ?? adadelta.Epsilon, s.WeightDecay ?? adadelta.WeightDecay));
        }
        throw new ArgumentOutOfRangeException(nameof(settings), s.Kind, "unknown optimizer kind");
    }

    /// <summary>A setting the chosen optimizer does not have is an error rather than silently ignored.</summary>
    private static void Forbid(OptimizerKind kind, bool present, string option)
    {
        if (present) OptionCheck.Fail("a value", option, $"does not apply to {NameOf(kind)}");
    }
}
