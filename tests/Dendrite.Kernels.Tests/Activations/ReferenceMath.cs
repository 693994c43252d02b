namespace Dendrite.Kernels.Tests.Activations;

/// <summary>
/// Float64 references for the kernel tests (.NET has no Math.Erf): erf by its Taylor series (all terms positive
/// in the e^(−x²)-scaled form, so no cancellation) below 2.5 and erfc by its continued fraction above, both to
/// ~1e-15 relative; <see cref="ErfTests"/> pins them to values from Python's math.erf.
/// </summary>
internal static class ReferenceMath
{
    public static double Erf(double z)
    {
        double a = Math.Abs(z);
        double r = a < 2.5 ? Series(a) : 1 - ErfcTail(a);
        return z < 0 ? -r : r;
    }

    /// <summary>erfc z with relative accuracy for z ≫ 0.</summary>
    public static double Erfc(double z)
    {
        if (z >= 2.5) return ErfcTail(z);
        if (z > -2.5) return 1 - Erf(z);
        return 2 - ErfcTail(-z);
    }

    public static double NormalCdf(double z) => 0.5 * Erfc(-z / Math.Sqrt(2));

    public static double NormalPdf(double z) => Math.Exp(-z * z / 2) / Math.Sqrt(2 * Math.PI);

    public static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    private static double Series(double a)
    {
        double term = a, sum = a, twoA2 = 2 * a * a;
        for (int n = 1; n < 200 && term > 1e-17 * sum; n++)
        {
            term *= twoA2 / ((2 * n) + 1);
            sum += term;
        }
        return 2 / Math.Sqrt(Math.PI) * Math.Exp(-a * a) * sum;
    }

    private static double ErfcTail(double a)
    {
        if (double.IsPositiveInfinity(a)) return 0;
        double t = 0;
        for (int k = 60; k >= 1; k--) t = k * 0.5 / (a + t);
        return Math.Exp(-a * a) / Math.Sqrt(Math.PI) / (a + t);
    }
}
