using System.Runtime.Intrinsics;

namespace Dendrite.Kernels.Activations;

/// <summary>
/// An elementwise activation y = f(z) as an operator struct: static scalar and vector forms that the generic loops
/// in <see cref="ActivationKernels"/> inline (the shape TensorPrimitives uses internally).
/// Backward takes the saved output y (cheaper than the input for sigmoid and tanh; for ReLU y &gt; 0 ⇔ z &gt; 0, so
/// the input works too) and returns dZ = dY ⊙ f'(z).
/// </summary>
public interface IActivation
{
    static abstract float Forward(float z);
    static abstract Vector128<float> Forward(Vector128<float> z);
    static abstract Vector256<float> Forward(Vector256<float> z);
    static abstract Vector512<float> Forward(Vector512<float> z);

    static abstract float Backward(float y, float dy);
    static abstract Vector128<float> Backward(Vector128<float> y, Vector128<float> dy);
    static abstract Vector256<float> Backward(Vector256<float> y, Vector256<float> dy);
    static abstract Vector512<float> Backward(Vector512<float> y, Vector512<float> dy);
}
