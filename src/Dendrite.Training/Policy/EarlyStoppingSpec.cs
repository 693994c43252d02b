using System.Globalization;

namespace Dendrite.Training.Policy;

/// <summary>
/// Stop when the validation value of the objective's metric (accuracy for classification, RMSE for regression) has
/// not improved by more than <paramref name="MinDelta"/> for <paramref name="Patience"/> consecutive epochs, then
/// restore the weights of the best epoch. The task's own metric is monitored rather than the loss because it is what
/// the run reports and selects on; validation loss keeps creeping up on an over-confident classifier long after
/// accuracy has stopped changing.
/// </summary>
/// <param name="Patience">Epochs without improvement tolerated (≥ 1).</param>
/// <param name="MinDelta">Smallest gain that counts as an improvement (≥ 0).</param>
public sealed record EarlyStoppingSpec(int Patience, double MinDelta = 0)
{
    /// <summary>Reads "PATIENCE" or "PATIENCE:MIN_DELTA" (PATIENCE ≥ 1, MIN_DELTA ≥ 0).</summary>
    /// <exception cref="DendriteException">any other text.</exception>
    public static EarlyStoppingSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] p = text.Trim().Split(':');
        double delta = 0;
        if (p.Length <= 2 && int.TryParse(p[0], NumberStyles.None, CultureInfo.InvariantCulture, out int patience) && patience >= 1
            && (p.Length == 1 || (ConfigNumber.Parse(p[1]) is double d && (delta = d) >= 0)))
            return new EarlyStoppingSpec(patience, delta);
        throw new DendriteException($"early stopping '{InputText.Clip(text)}' must be PATIENCE or PATIENCE:MIN_DELTA with PATIENCE ≥ 1 and MIN_DELTA ≥ 0");
    }

    /// <summary>The text <see cref="Parse"/> reads back ("5:0").</summary>
    public string Format() => FormattableString.Invariant($"{Patience}:{ConfigNumber.Format(MinDelta)}");
}
