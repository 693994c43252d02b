using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Dendrite.Kernels.Gemm;

/// <summary>
/// Vector128 (SSE/AdvSimd) micro-kernel: a 6×8 tile of C held in 12 Vector128&lt;float&gt; accumulators.
/// Per k step: 2 loads of packed B, 6 broadcasts of packed A, 12 FMAs.
/// Generated-looking on purpose: named locals are what lets the JIT keep every accumulator in a register.
/// </summary>
internal readonly struct Vector128Kernel6x8 : IMicroKernel
{
    public static int MR => 6;
    public static int NR => 8;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Run(int kc, float* a, float* b, float* c, nint ldc, bool accumulate)
    {
        Vector128<float> c0_0 = default; Vector128<float> c0_1 = default;
        Vector128<float> c1_0 = default; Vector128<float> c1_1 = default;
        Vector128<float> c2_0 = default; Vector128<float> c2_1 = default;
        Vector128<float> c3_0 = default; Vector128<float> c3_1 = default;
        Vector128<float> c4_0 = default; Vector128<float> c4_1 = default;
        Vector128<float> c5_0 = default; Vector128<float> c5_1 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector128<float> b0 = Vector128.Load(b + 0);
            Vector128<float> b1 = Vector128.Load(b + 4);
            Vector128<float> a0 = Vector128.Create(a[0]);
            c0_0 = VectorFma.MultiplyAdd(a0, b0, c0_0);
            c0_1 = VectorFma.MultiplyAdd(a0, b1, c0_1);
            Vector128<float> a1 = Vector128.Create(a[1]);
            c1_0 = VectorFma.MultiplyAdd(a1, b0, c1_0);
            c1_1 = VectorFma.MultiplyAdd(a1, b1, c1_1);
            Vector128<float> a2 = Vector128.Create(a[2]);
            c2_0 = VectorFma.MultiplyAdd(a2, b0, c2_0);
            c2_1 = VectorFma.MultiplyAdd(a2, b1, c2_1);
            Vector128<float> a3 = Vector128.Create(a[3]);
            c3_0 = VectorFma.MultiplyAdd(a3, b0, c3_0);
            c3_1 = VectorFma.MultiplyAdd(a3, b1, c3_1);
            Vector128<float> a4 = Vector128.Create(a[4]);
            c4_0 = VectorFma.MultiplyAdd(a4, b0, c4_0);
            c4_1 = VectorFma.MultiplyAdd(a4, b1, c4_1);
            Vector128<float> a5 = Vector128.Create(a[5]);
            c5_0 = VectorFma.MultiplyAdd(a5, b0, c5_0);
            c5_1 = VectorFma.MultiplyAdd(a5, b1, c5_1);
            a += 6;
            b += 8;
        }
        if (accumulate)
        {
            Vector128.Store(Vector128.Load(c + 0 * ldc + 0) + c0_0, c + 0 * ldc + 0);
            Vector128.Store(Vector128.Load(c + 0 * ldc + 4) + c0_1, c + 0 * ldc + 4);
            Vector128.Store(Vector128.Load(c + 1 * ldc + 0) + c1_0, c + 1 * ldc + 0);
            Vector128.Store(Vector128.Load(c + 1 * ldc + 4) + c1_1, c + 1 * ldc + 4);
            Vector128.Store(Vector128.Load(c + 2 * ldc + 0) + c2_0, c + 2 * ldc + 0);
            Vector128.Store(Vector128.Load(c + 2 * ldc + 4) + c2_1, c + 2 * ldc + 4);
            Vector128.Store(Vector128.Load(c + 3 * ldc + 0) + c3_0, c + 3 * ldc + 0);
            Vector128.Store(Vector128.Load(c + 3 * ldc + 4) + c3_1, c + 3 * ldc + 4);
            Vector128.Store(Vector128.Load(c + 4 * ldc + 0) + c4_0, c + 4 * ldc + 0);
            Vector128.Store(Vector128.Load(c + 4 * ldc + 4) + c4_1, c + 4 * ldc + 4);
            Vector128.Store(Vector128.Load(c + 5 * ldc + 0) + c5_0, c + 5 * ldc + 0);
            Vector128.Store(Vector128.Load(c + 5 * ldc + 4) + c5_1, c + 5 * ldc + 4);
        }
        else
        {
            Vector128.Store(c0_0, c + 0 * ldc + 0);
            Vector128.Store(c0_1, c + 0 * ldc + 4);
            Vector128.Store(c1_0, c + 1 * ldc + 0);
            Vector128.Store(c1_1, c + 1 * ldc + 4);
            Vector128.Store(c2_0, c + 2 * ldc + 0);
            Vector128.Store(c2_1, c + 2 * ldc + 4);
            Vector128.Store(c3_0, c + 3 * ldc + 0);
            Vector128.Store(c3_1, c + 3 * ldc + 4);
            Vector128.Store(c4_0, c + 4 * ldc + 0);
            Vector128.Store(c4_1, c + 4 * ldc + 4);
            Vector128.Store(c5_0, c + 5 * ldc + 0);
            Vector128.Store(c5_1, c + 5 * ldc + 4);
        }
    }
}
