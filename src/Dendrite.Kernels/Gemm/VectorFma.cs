using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Dendrite.Kernels.Gemm;

/// <summary>
/// a·b + c for Vector128: fused where the hardware has FMA, otherwise multiply then add. Vector128.FusedMultiplyAdd
/// is not used unconditionally because without hardware FMA it falls back to a very slow software emulation.
/// The IsSupported checks are JIT-time constants, so the branch disappears.
/// </summary>
internal static class VectorFma
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c)
    {
        if (Fma.IsSupported) return Fma.MultiplyAdd(a, b, c);
        if (AdvSimd.IsSupported) return AdvSimd.FusedMultiplyAdd(c, a, b);
        return (a * b) + c;
    }
}
