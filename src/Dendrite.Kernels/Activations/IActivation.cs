using System.Runtime.Intrinsics;

namespace Dendrite.Kernels.Activations;

/// <summary>
/// An elementwise activation y = f(z) as an operator struct: static scalar and vector forms that the generic loops
/// in <see cref="ActivationKernels"/> inline (the shape TensorPrimitives uses internally).
/// Backward takes one saved tensor and returns dZ = dY ⊙ f'(z). Which one is <see cref="BackwardFromInput"/>'s
/// choice: the output y where f' is a cheap function of it (sigmoid, tanh; for ReLU y &gt; 0 ⇔ z &gt; 0), the
/// pre-activation z where it is not (GELU, SiLU, …: f' cannot be recovered from y, e.g. GELU is not monotonic).
/// Callers keep z alive only for the latter.
/// </summary>
public interface IActivation
{
    /// <summary>y = f(z) for one value (the kernels use it for row tails shorter than a vector).</summary>
    static abstract float Forward(float z);
    /// <summary>y = f(z) in each of the 4 lanes.</summary>
    static abstract Vector128<float> Forward(Vector128<float> z);
    /// <summary>y = f(z) in each of the 8 lanes.</summary>
    static abstract Vector256<float> Forward(Vector256<float> z);
    /// <summary>y = f(z) in each of the 16 lanes.</summary>
    static abstract Vector512<float> Forward(Vector512<float> z);

    /// <summary>True when Backward's first argument is the pre-activation z; false (the default) when it is the output y.</summary>
    static virtual bool BackwardFromInput => false;

    /// <summary>dY · f'(z), with <paramref name="saved"/> = z or y as <see cref="BackwardFromInput"/> says.</summary>
    static abstract float Backward(float saved, float dy);
    /// <summary><see cref="Backward(float, float)"/> in each of the 4 lanes.</summary>
    static abstract Vector128<float> Backward(Vector128<float> saved, Vector128<float> dy);
    /// <summary><see cref="Backward(float, float)"/> in each of the 8 lanes.</summary>
    static abstract Vector256<float> Backward(Vector256<float> saved, Vector256<float> dy);
    /// <summary><see cref="Backward(float, float)"/> in each of the 16 lanes.</summary>
    static abstract Vector512<float> Backward(Vector512<float> saved, Vector512<float> dy);
}
