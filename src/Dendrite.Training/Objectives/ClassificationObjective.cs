using Dendrite.Data;
using Dendrite.Kernels.Reductions;
using Dendrite.Nn.Functional;
using Dendrite.Nn.Fused;
using Dendrite.Tensors;

namespace Dendrite.Training.Objectives;

/// <summary>
/// Softmax cross-entropy over class logits, optionally weighted per class (PyTorch's <c>weight</c>: the mean becomes
/// Σ wᵧ·ℓᵢ / Σ wᵧ, so rare classes count more) and with label smoothing ε (the target puts 1 − ε on the class and
/// spreads ε over all classes; autograd only). Evaluation reports the plain mean cross-entropy and accuracy; the best
/// epoch is the most accurate.
/// </summary>
public sealed record ClassificationObjective : Objective
{
    /// <summary>Plain cross-entropy, the default.</summary>
    public static ClassificationObjective Default { get; } = new();

    /// <summary>Creates the objective.</summary>
    /// <param name="classWeights">A weight &gt; 0 per class, or null for the plain mean.</param>
    /// <param name="labelSmoothing">ε in [0, 1).</param>
    /// <exception cref="DendriteException">a weight that is not finite and &gt; 0, or ε outside [0, 1).</exception>
    public ClassificationObjective(IReadOnlyList<float>? classWeights = null, float labelSmoothing = 0f)
    {
        if (classWeights is not null && classWeights.Any(w => !(w > 0f && float.IsFinite(w))))
            throw new DendriteException("class weights must be finite and > 0");
        if (!(labelSmoothing >= 0f && labelSmoothing < 1f)) throw new DendriteException($"label smoothing must be in [0, 1), got {labelSmoothing}");
        _weights = classWeights?.ToArray();
        LabelSmoothing = labelSmoothing;
    }

    /// <summary>The sum of the batch's class weights (Σ wᵧ, the weighted mean's divisor), or its row count without weights.</summary>
    public override float LossNormalizer(Batch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (_weights is null) return batch.Count;
        float sum = 0;
        for (int i = 0; i < batch.Count; i++) sum += _weights[batch.Labels[i]];
        return sum;
    }

    private readonly float[]? _weights;

    /// <summary>The weight of each class, or null.</summary>
    public IReadOnlyList<float>? ClassWeights => _weights;

    /// <summary>Label smoothing ε.</summary>
    public float LabelSmoothing { get; }

    /// <inheritdoc/>
    public override TaskKind Task => TaskKind.Classification;

    /// <inheritdoc/>
    public override MetricGoal Goal => MetricGoal.Accuracy;

    /// <inheritdoc/>
    public override bool NeedsAutograd => LabelSmoothing > 0f;

    /// <summary>
    /// Balanced weights for <paramref name="labels"/> of <paramref name="classes"/> classes, as scikit-learn's
    /// "balanced": n / (classes · count(c)), so each class contributes equally; a class absent from the labels gets 1.
    /// </summary>
    public static float[] BalancedWeights(ReadOnlySpan<int> labels, int classes)
    {
        var counts = new long[classes];
        foreach (int l in labels) counts[l]++;
        var weights = new float[classes];
        for (int c = 0; c < classes; c++) weights[c] = counts[c] == 0 ? 1f : (float)((double)labels.Length / (classes * counts[c]));
        return weights;
    }

    /// <inheritdoc/>
    public override Tensor TrainingLoss(Tensor output, Batch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        Tensor? weight = _weights is null ? null : new Tensor((float[])_weights.Clone(), _weights.Length);
        return F.CrossEntropy(output, batch.Labels, weight: weight, labelSmoothing: LabelSmoothing);
    }

    /// <inheritdoc/>
    public override FusedStepResult Step(FusedMlp plan, Batch batch)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(batch);
        LossTargets targets = LossTargets.Classes(batch.Labels, _weights);
        return batch.HasFeatures || batch.Source is null || batch.Rows is null
            ? plan.TrainStep(batch.Features.Data, targets, batch.Count)
            : plan.TrainStep(batch.Source.Features, batch.Rows, targets, batch.Count);
    }

    /// <inheritdoc/>
    public override void CheckData(InMemoryDataset data, int outputs, string role)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.IsRegression) throw new DendriteException($"the {role} data has regression targets, but the objective is classification");
        if (ClassWeights is not null && ClassWeights.Count != outputs)
            throw new DendriteException($"{ClassWeights.Count} class weights for a model with {outputs} classes");
        foreach (int label in data.Labels)
            if ((uint)label >= (uint)outputs)
                throw new DendriteException($"the {role} data has class {label}, but the model has {outputs} classes");
    }

    /// <inheritdoc/>
    public override EvaluationAccumulator NewAccumulator() => new Accumulator();

    /// <inheritdoc/>
    public bool Equals(ClassificationObjective? other) =>
        other is not null && LabelSmoothing.Equals(other.LabelSmoothing)
        && (ClassWeights is null ? other.ClassWeights is null : other.ClassWeights is not null && ClassWeights.SequenceEqual(other.ClassWeights));

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(LabelSmoothing, ClassWeights?.Count ?? -1);

    /// <summary>Mean cross-entropy (fused softmax kernel, no gradient) and accuracy.</summary>
    private sealed class Accumulator : EvaluationAccumulator
    {
        private float[] _lossRows = [];
        private double _lossSum;
        private long _correct;
        private int _count;

        public override void Add(ReadOnlySpan<float> outputs, Batch batch)
        {
            int n = batch.Count;
            if (_lossRows.Length < n) _lossRows = new float[n];
            int classes = outputs.Length / n;
            _correct += SoftmaxCrossEntropy.Compute(outputs, n, classes, batch.Labels, _lossRows, [], 1f);
            for (int i = 0; i < n; i++) _lossSum += _lossRows[i];
            _count += n;
        }

        public override Evaluation Result() => _count == 0
            ? new Evaluation(TaskKind.Classification, 0, double.NaN)
            : new Evaluation(TaskKind.Classification, _count, _lossSum / _count, Accuracy: (double)_correct / _count);
    }
}
