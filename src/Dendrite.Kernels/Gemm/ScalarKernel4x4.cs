namespace Dendrite.Kernels.Gemm;

/// <summary>Portable fallback micro-kernel (no SIMD): a 4×4 tile in 16 scalar accumulators.</summary>
internal readonly struct ScalarKernel4x4 : IMicroKernel
{
    public static int MR => 4;
    public static int NR => 4;

    public static unsafe void Run(int kc, float* a, float* b, float* c, nint ldc, bool accumulate)
    {
        float* acc = stackalloc float[16];
        for (int i = 0; i < 16; i++) acc[i] = 0f;
        for (int p = 0; p < kc; p++)
        {
            for (int r = 0; r < 4; r++)
            {
                float ar = a[r];
                acc[r * 4 + 0] += ar * b[0];
                acc[r * 4 + 1] += ar * b[1];
                acc[r * 4 + 2] += ar * b[2];
                acc[r * 4 + 3] += ar * b[3];
            }
            a += 4;
            b += 4;
        }
        for (int r = 0; r < 4; r++)
            for (int j = 0; j < 4; j++)
                c[r * ldc + j] = accumulate ? c[r * ldc + j] + acc[r * 4 + j] : acc[r * 4 + j];
    }
}
