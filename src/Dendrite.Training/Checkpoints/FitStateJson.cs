using System.Globalization;
using System.Text.Json;
using Dendrite.Optim.Schedules;
using Dendrite.Training.Policy;

namespace Dendrite.Training.Checkpoints;

/// <summary>
/// <see cref="FitState"/> as the "dendrite.fit" metadata JSON, without the early-stopping weights (those are
/// tensors). Doubles are round-trip strings so ±∞ (the "no best yet" markers) and every bit survive.
/// {"lr":{"base":"0.001","step":"470","epoch":1,"plateau":null},"early_stopping":{"best_epoch":2,"best":"0.81","bad_epochs":0},"stopped_early":false}
/// ("best" is the monitored metric's value; version 1 called it "best_acc").
/// </summary>
public static class FitStateJson
{
    /// <summary><paramref name="state"/> as the "dendrite.fit" JSON shown above.</summary>
    public static string Write(FitState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return CheckpointJson.Write(w =>
        {
            var d = state.Driver;
            w.WriteStartObject("lr");
            w.WriteString("base", D(d.BaseLearningRate));
            w.WriteString("step", d.Step.ToString(CultureInfo.InvariantCulture));
            w.WriteNumber("epoch", d.Epoch);
            if (d.Plateau is { } p)
            {
                w.WriteStartObject("plateau");
                w.WriteString("lr", D(p.LearningRate));
                w.WriteString("best", D(p.Best));
                w.WriteNumber("bad_epochs", p.BadEpochs);
                w.WriteNumber("cooldown_left", p.CooldownLeft);
                w.WriteString("epochs", p.Epochs.ToString(CultureInfo.InvariantCulture));
                w.WriteEndObject();
            }
            else w.WriteNull("plateau");
            w.WriteEndObject();
            if (state.EarlyStopping is { } e)
            {
                w.WriteStartObject("early_stopping");
                w.WriteNumber("best_epoch", e.BestEpoch);
                w.WriteString("best", D(e.BestValue));
                w.WriteNumber("bad_epochs", e.BadEpochs);
                w.WriteEndObject();
            }
            else w.WriteNull("early_stopping");
            w.WriteBoolean("stopped_early", state.StoppedEarly);
        });
    }

    /// <summary>Parses the JSON; <paramref name="bestWeights"/> are the "early_stopping.*" tensors (empty when none).</summary>
    public static FitState Read(string json, IReadOnlyDictionary<string, float[]> bestWeights, string source)
    {
        ArgumentNullException.ThrowIfNull(bestWeights);
        try
        {
            using var doc = JsonDocument.Parse(json);
            JsonElement root = doc.RootElement;
            JsonElement lr = root.GetProperty("lr");
            PlateauState? plateau = null;
            if (lr.GetProperty("plateau") is { ValueKind: JsonValueKind.Object } p)
                plateau = new PlateauState(D(p, "lr"), D(p, "best"), p.GetProperty("bad_epochs").GetInt32(),
                    p.GetProperty("cooldown_left").GetInt32(), L(p, "epochs"));
            var driver = new LearningRateDriverState(D(lr, "base"), L(lr, "step"), lr.GetProperty("epoch").GetInt32(), plateau);
            EarlyStoppingState? early = null;
            if (root.GetProperty("early_stopping") is { ValueKind: JsonValueKind.Object } e)
            {
                int bestEpoch = e.GetProperty("best_epoch").GetInt32();
                early = new EarlyStoppingState(bestEpoch, D(e, e.TryGetProperty("best", out _) ? "best" : "best_acc"), e.GetProperty("bad_epochs").GetInt32(),
                    bestEpoch > 0 ? [.. bestWeights] : null);
            }
            if (early is null && bestWeights.Count > 0)
                throw new FormatException($"'{CheckpointKeys.EarlyStoppingPrefix}*' tensors without early-stopping state");
            return new FitState(driver, early, root.GetProperty("stopped_early").GetBoolean());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or OverflowException)
        {
            throw new CheckpointFormatException($"{source}: unreadable {CheckpointKeys.Fit}: {(e is JsonException j ? InputText.JsonError(j) : InputText.Clip(e.Message, 160))}", e);
        }
    }

    private static string D(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static double D(JsonElement e, string name) =>
        double.Parse(e.GetProperty(name).GetString() ?? throw new FormatException($"'{name}' is null"), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static long L(JsonElement e, string name) =>
        long.Parse(e.GetProperty(name).GetString() ?? throw new FormatException($"'{name}' is null"), NumberStyles.None, CultureInfo.InvariantCulture);
}
