using Dendrite.Tensors;

namespace Dendrite.Autograd;

/// <summary>
/// Whether ops record history. Recording is per thread and on by default;
/// <see cref="NoGrad"/> turns it off for a scope (inference, optimizer updates, backward itself).
/// </summary>
public static class AutogradContext
{
    [ThreadStatic] private static int t_disabledDepth;

    /// <summary>True when new ops are recorded.</summary>
    public static bool IsEnabled => t_disabledDepth == 0;

    /// <summary>Disables recording until the returned scope is disposed. Scopes nest.</summary>
    public static NoGradScope NoGrad()
    {
        t_disabledDepth++;
        return new NoGradScope();
    }

    internal static void Exit() => t_disabledDepth--;

    internal static bool ShouldRecord(Tensor a) => t_disabledDepth == 0 && a.RequiresGrad;

    internal static bool ShouldRecord(Tensor a, Tensor b) => t_disabledDepth == 0 && (a.RequiresGrad || b.RequiresGrad);

    internal static bool ShouldRecord(Tensor[] inputs)
    {
        if (t_disabledDepth != 0) return false;
        foreach (var t in inputs) if (t.RequiresGrad) return true;
        return false;
    }
}
