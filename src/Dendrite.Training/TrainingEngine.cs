namespace Dendrite.Training;

/// <summary>How the trainer runs a step.</summary>
public enum TrainingEngine
{
    /// <summary>The fused plan when the model compiles to one (<see cref="Nn.Fused.FusedMlp.TryCompile"/>), else autograd.</summary>
    Auto,

    /// <summary>Always the general autograd graph (slower; any module).</summary>
    Autograd,

    /// <summary>Always the fused plan; models it cannot compile are rejected.</summary>
    Fused,
}
