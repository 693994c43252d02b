using System.Globalization;
using System.Text;
using System.Text.Json;
using Dendrite.Training.Models;

namespace Dendrite.Serving.Tests;

/// <summary>Request bodies and checks of answers against the library's own predictions.</summary>
internal static class Bodies
{
    /// <summary>{"rows":[[…784 values…],…]} for <paramref name="count"/> rows starting at row <paramref name="first"/>.</summary>
    public static string ImageRows(float[] pixels, int first, int count, int width = 784)
    {
        var sb = new StringBuilder("{\"rows\":[");
        for (int r = 0; r < count; r++)
        {
            if (r > 0) sb.Append(',');
            sb.Append('[');
            for (int j = 0; j < width; j++)
            {
                if (j > 0) sb.Append(',');
                sb.Append(pixels[(first + r) * width + j].ToString("R", CultureInfo.InvariantCulture));
            }
            sb.Append(']');
        }
        return sb.Append("]}").ToString();
    }

    /// <summary>Asserts that the server's answer for one row is exactly <paramref name="expected"/> (class and every probability's bits).</summary>
    public static void AssertSame(Prediction expected, JsonElement actual, IReadOnlyList<string> classNames)
    {
        Assert.Equal(expected.ClassName, actual.GetProperty("class").GetString());
        Assert.Equal(expected.Class, actual.GetProperty("index").GetInt32());
        float[] probabilities = Probabilities(actual, classNames);
        for (int k = 0; k < classNames.Count; k++) Assert.Equal(expected.Probabilities![k], probabilities[k]);
    }

    /// <summary>
    /// Asserts that the server's answer for one row is <paramref name="expected"/> up to the last bits, which is all a
    /// row computed in a batch of another size can promise (the GEMM's summation order depends on the batch's size);
    /// the class must match unless the two best classes are within that rounding of each other.
    /// </summary>
    public static void AssertClose(Prediction expected, JsonElement actual, IReadOnlyList<string> classNames)
    {
        const float Tolerance = 1e-6f;
        float[] probabilities = Probabilities(actual, classNames);
        for (int k = 0; k < classNames.Count; k++) Assert.Equal(expected.Probabilities![k], probabilities[k], Tolerance);
        float[] sorted = [.. expected.Probabilities!.OrderDescending()];
        if (sorted[0] - sorted[1] > 2 * Tolerance)
        {
            Assert.Equal(expected.ClassName, actual.GetProperty("class").GetString());
            Assert.Equal(expected.Class, actual.GetProperty("index").GetInt32());
        }
    }

    private static float[] Probabilities(JsonElement actual, IReadOnlyList<string> classNames)
    {
        JsonElement probabilities = actual.GetProperty("probabilities");
        Assert.Equal(classNames, probabilities.EnumerateObject().Select(p => p.Name));
        return [.. classNames.Select(name => probabilities.GetProperty(name).GetSingle())];
    }
}
