namespace Dendrite.Optim;

/// <summary>Updates parameters from their accumulated gradients.</summary>
public interface IOptimizer
{
    /// <summary>
    /// Current step size. Mutable so that a learning-rate schedule can drive it between steps; must be finite and
    /// ≥ 0 (0 is allowed because warm-up and annealing schedules legitimately reach it).
    /// </summary>
    float LearningRate { get; set; }

    /// <summary>Applies one update to every parameter that has a gradient (parameters without one are skipped).</summary>
    void Step();

    /// <summary>Clears the gradients of all parameters, ready for the next backward pass.</summary>
    void ZeroGrad();

    /// <summary>Copies the optimizer's state (learning rate, per-parameter step counts and buffers) for a checkpoint.</summary>
    OptimizerState ExportState();

    /// <summary>
    /// Restores state produced by <see cref="ExportState"/> on an optimizer of the same kind, options and parameter
    /// shapes, so that training resumes bit-identically. Throws <see cref="OptimizerStateException"/> when the state
    /// does not fit.
    /// </summary>
    void ImportState(OptimizerState state);
}
