using System.Runtime.Intrinsics;

namespace Dendrite.Kernels.Activations;

/// <summary>
/// ReLU: f(z) = max(z, 0), f'(z) = 1 for z &gt; 0 else 0.
/// NaN policy: NaN in → NaN out (written as "z &lt; 0 ? 0 : z", which keeps NaN on every path, unlike a hardware
/// max that returns its second operand), so a diverged network stays visibly NaN instead of silently becoming 0.
/// Backward passes dY where y &gt; 0 and 0 elsewhere (including y = NaN; the loss is already NaN then).
/// </summary>
public readonly struct Relu : IActivation
{
    /// <summary>y = z &lt; 0 ? 0 : z: NaN stays NaN (and −0 stays −0).</summary>
    public static float Forward(float z) => z < 0f ? 0f : z;
    /// <summary>Lane-wise y = z &lt; 0 ? 0 : z, as compare-and-select rather than max, so NaN lanes stay NaN.</summary>
    public static Vector128<float> Forward(Vector128<float> z) => Vector128.ConditionalSelect(Vector128.LessThan(z, Vector128<float>.Zero), Vector128<float>.Zero, z);
    /// <summary>Lane-wise y = z &lt; 0 ? 0 : z, as compare-and-select rather than max, so NaN lanes stay NaN.</summary>
    public static Vector256<float> Forward(Vector256<float> z) => Vector256.ConditionalSelect(Vector256.LessThan(z, Vector256<float>.Zero), Vector256<float>.Zero, z);
    /// <summary>Lane-wise y = z &lt; 0 ? 0 : z, as compare-and-select rather than max, so NaN lanes stay NaN.</summary>
    public static Vector512<float> Forward(Vector512<float> z) => Vector512.ConditionalSelect(Vector512.LessThan(z, Vector512<float>.Zero), Vector512<float>.Zero, z);

    /// <summary>dZ = dY where the output y &gt; 0, else 0 (also for y = NaN).</summary>
    public static float Backward(float y, float dy) => y > 0f ? dy : 0f;
    /// <summary>Lane-wise dZ = dY where the output y &gt; 0, else +0 (the compare mask ANDed with dY).</summary>
    public static Vector128<float> Backward(Vector128<float> y, Vector128<float> dy) => Vector128.GreaterThan(y, Vector128<float>.Zero) & dy;
    /// <summary>Lane-wise dZ = dY where the output y &gt; 0, else +0 (the compare mask ANDed with dY).</summary>
    public static Vector256<float> Backward(Vector256<float> y, Vector256<float> dy) => Vector256.GreaterThan(y, Vector256<float>.Zero) & dy;
    /// <summary>Lane-wise dZ = dY where the output y &gt; 0, else +0 (the compare mask ANDed with dY).</summary>
    public static Vector512<float> Backward(Vector512<float> y, Vector512<float> dy) => Vector512.GreaterThan(y, Vector512<float>.Zero) & dy;
}
