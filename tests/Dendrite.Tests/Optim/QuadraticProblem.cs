using Dendrite.Optim;
using Dendrite.Tensors;

namespace Dendrite.Tests.Optim;

/// <summary>
/// The tiny fixed problem the PyTorch reference numbers were made on (see pytorch_reference.py): two parameters,
/// p0 = [1, −2, 3, 0.5] and p1 = [0.25, −0.75], with gradients g = a⊙p + b recomputed from the current parameters
/// before every step (so the trajectory depends on every earlier update).
/// </summary>
internal static class QuadraticProblem
{
    public static readonly float[] A0 = [1f, 2f, 0.5f, 3f], B0 = [0.1f, -0.2f, 0.3f, 0f];
    public static readonly float[] A1 = [0.25f, 4f], B1 = [-1f, 0.5f];

    public static Parameter[] NewParameters() => [new([1f, -2f, 3f, 0.5f], 4), new([0.25f, -0.75f], 2)];

    public static void SetGradients(Parameter[] ps)
    {
        ps[0].Grad = Tensor.FromArray(Gradient(ps[0].Data, A0, B0));
        ps[1].Grad = Tensor.FromArray(Gradient(ps[1].Data, A1, B1));
    }

    /// <summary>Writes the gradients into the existing gradient tensors, so that steps after the first allocate nothing.</summary>
    public static void RefreshGradients(Parameter[] ps)
    {
        Fill(ps[0].Data, A0, B0, ps[0].Grad!.Data);
        Fill(ps[1].Data, A1, B1, ps[1].Grad!.Data);
    }

    /// <summary>Runs <paramref name="steps"/> steps and returns both parameters concatenated.</summary>
    public static float[] Run(Func<Parameter[], IOptimizer> make, int steps = 5)
    {
        var ps = NewParameters();
        var optimizer = make(ps);
        for (int s = 0; s < steps; s++)
        {
            SetGradients(ps);
            optimizer.Step();
        }
        return [.. ps[0].Data, .. ps[1].Data];
    }

    private static float[] Gradient(float[] p, float[] a, float[] b)
    {
        var g = new float[p.Length];
        Fill(p, a, b, g);
        return g;
    }

    private static void Fill(float[] p, float[] a, float[] b, float[] g)
    {
        for (int i = 0; i < p.Length; i++) g[i] = a[i] * p[i] + b[i];
    }
}
