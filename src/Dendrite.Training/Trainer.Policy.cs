using Dendrite.Data;
using Dendrite.Optim;
using Dendrite.Tensors;
using Dendrite.Training.Policy;

namespace Dendrite.Training;

// The per-step and per-epoch hooks of TrainingPolicy, kept apart from the training loops themselves.
public sealed partial class Trainer
{
    private readonly List<Parameter> _parameters;
    private LearningRateDriver? _driver;

    /// <summary>Schedule, clipping, label smoothing, validation and early stopping.</summary>
    public TrainingPolicy Policy { get; }

    /// <summary>After <see cref="Fit(InMemoryDataset, InMemoryDataset?, InMemoryDataset, Random.Rng, Action{EpochResult}?, CancellationToken)"/>:
    /// the 1-based epoch whose weights early stopping restored, or null when the model holds the last epoch's.</summary>
    public int? RestoredEpoch { get; private set; }

    private EarlyStopping? BeginFit(InMemoryDataset train, InMemoryDataset? validation)
    {
        if (Policy.EarlyStopping is not null && validation is null)
            throw new DendriteException("early stopping needs a validation set");
        int stepsPerEpoch = (train.Count + Options.BatchSize - 1) / Options.BatchSize;
        _driver = new LearningRateDriver(Policy.Schedule, Policy.WarmupEpochs, Optimizer, Options.Epochs, Math.Max(1, stepsPerEpoch));
        RestoredEpoch = null;
        return Policy.EarlyStopping is { } spec ? new EarlyStopping(spec) : null;
    }

    /// <summary>Loss and accuracy on <paramref name="data"/> through the fused plan when there is one, else autograd.</summary>
    public Evaluation Evaluate(InMemoryDataset data) =>
        Plan is null ? Evaluator.Evaluate(Model, data, Options.EvalBatchSize) : Evaluator.Evaluate(Plan, data, Options.EvalBatchSize);

    /// <summary>Plateau schedule and early stopping after an epoch; true means stop.</summary>
    private bool EndEpoch(int epoch, double monitoredLoss, Evaluation? validation, EarlyStopping? stopper)
    {
        _driver?.EndEpoch(monitoredLoss);
        return stopper is not null && validation is not null && stopper.Observe(epoch, validation.Accuracy, Model);
    }

    private void FinishFit(EarlyStopping? stopper, int epochsRun)
    {
        if (stopper is null || stopper.BestEpoch == 0 || stopper.BestEpoch == epochsRun) return;
        stopper.RestoreBest(Model);
        RestoredEpoch = stopper.BestEpoch;
    }

    /// <summary>Between backward and Step: the learning rate of a per-step schedule, then gradient clipping.</summary>
    private void BeforeStep()
    {
        _driver?.BeforeStep();
        switch (Policy.Clip)
        {
            case { Kind: GradientClipKind.Norm } c:
                GradientClipping.ClipGradNorm(_parameters, c.Threshold);
                break;
            case { Kind: GradientClipKind.Value } c:
                GradientClipping.ClipGradValue(_parameters, c.Threshold);
                break;
        }
    }
}
