namespace Dendrite.Optim;

/// <summary>Updates parameters from their accumulated gradients.</summary>
public interface IOptimizer
{
    /// <summary>Applies one update to every parameter that has a gradient (parameters without one are skipped).</summary>
    void Step();

    /// <summary>Clears the gradients of all parameters, ready for the next backward pass.</summary>
    void ZeroGrad();
}
