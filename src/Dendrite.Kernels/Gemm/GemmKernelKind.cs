namespace Dendrite.Kernels.Gemm;

/// <summary>The instruction-set path a GEMM runs on. Chosen once at start-up from the hardware flags.</summary>
internal enum GemmKernelKind
{
    Scalar,
    Vector128,
    Avx2,
    Avx512,
}
