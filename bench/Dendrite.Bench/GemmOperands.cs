using Dendrite.Kernels.Gemm;

namespace Dendrite.Bench;

/// <summary>Random operands for one <see cref="GemmShape"/>, allocated once so timed calls allocate nothing.</summary>
internal sealed class GemmOperands
{
    private readonly GemmShape _s;
    private readonly float[] _a, _b, _c;

    public GemmOperands(GemmShape s)
    {
        _s = s;
        var rng = new System.Random(42);
        _a = Fill(rng, s.M * s.K);
        _b = Fill(rng, s.K * s.N);
        _c = new float[s.M * s.N];
    }

    private static float[] Fill(System.Random rng, int n)
    {
        var x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float)(rng.NextDouble() - 0.5);
        return x;
    }

    public void Run()
    {
        int lda = _s.TransA == Transpose.No ? _s.K : _s.M;
        int ldb = _s.TransB == Transpose.No ? _s.N : _s.K;
        Sgemm.Multiply(_s.TransA, _s.TransB, _s.M, _s.N, _s.K, _a, lda, _b, ldb, 0f, _c, _s.N);
    }
}
