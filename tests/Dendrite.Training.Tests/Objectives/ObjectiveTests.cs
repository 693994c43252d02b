using Dendrite.Data;
using Dendrite.Data.Tabular;
using Dendrite.Nn;
using Dendrite.Nn.Configs;
using Dendrite.Nn.Functional;
using Dendrite.Optim;
using Dendrite.Random;
using Dendrite.Tensors;
using Dendrite.Training.Objectives;
using Dendrite.Training.Reports;

namespace Dendrite.Training.Tests.Objectives;

/// <summary>What the one trainer trains for: regression losses, weighted and smoothed cross-entropy, and their specs.</summary>
public class ObjectiveTests
{
    private static readonly MlpSpec Spec = new(2, [8], 1, "relu");

    /// <summary>y = 2·x1 − 3.4·x2 + 4.2 + N(0, 0.05²) with x ~ N(0, 1)², as a regression set.</summary>
    private static InMemoryDataset LinearTargets(int count, ulong seed)
    {
        var rng = new Rng(seed);
        var x = new float[count * 2];
        var y = new float[count];
        for (int i = 0; i < count; i++)
        {
            x[2 * i] = (float)rng.NextNormal();
            x[2 * i + 1] = (float)rng.NextNormal();
            y[i] = (float)(2 * x[2 * i] - 3.4 * x[2 * i + 1] + 4.2 + 0.05 * rng.NextNormal());
        }
        return new InMemoryDataset(x, 2, y, 1);
    }

    private static Trainer Regression(RegressionLoss loss, TrainingEngine engine, int epochs = 20)
    {
        var model = Spec.Build(new Rng(1));
        return new Trainer(model, new Sgd(model.Parameters(), new SgdOptions(0.05f)), new TrainerOptions(Epochs: epochs, BatchSize: 16, Engine: engine),
            objective: new RegressionObjective(loss));
    }

    [Theory]
    [InlineData(RegressionLoss.Mse)]
    [InlineData(RegressionLoss.Huber)]
    [InlineData(RegressionLoss.L1)]
    public void Regression_ConvergesOnBothEngines_WithTheSameLosses(RegressionLoss loss)
    {
        var train = LinearTargets(400, 1);
        var test = LinearTargets(200, 2);
        var fusedTrainer = Regression(loss, TrainingEngine.Fused);
        var autogradTrainer = Regression(loss, TrainingEngine.Autograd);
        Assert.NotNull(fusedTrainer.Plan);
        Assert.Null(autogradTrainer.Plan);
        var fused = fusedTrainer.Fit(train, test, new Rng(3));
        var autograd = autogradTrainer.Fit(train, test, new Rng(3));

        Assert.True(fused[^1].TrainLoss < fused[0].TrainLoss / 10, $"{loss}: {fused[0].TrainLoss} → {fused[^1].TrainLoss}");
        Evaluation result = fused[^1].Test!;
        Assert.Equal(TaskKind.Regression, result.Task);
        Assert.InRange(result.Rmse, 0, 0.5); // the targets' spread is about 4 (L1's constant-size steps settle slowest)
        Assert.True(result.RSquared > 0.98, $"{loss}: R² {result.RSquared}");
        Assert.True(double.IsNaN(result.Accuracy));
        Assert.True(double.IsNaN(fused[^1].TrainAccuracy));
        // Same batches, same maths: the engines differ only by float rounding.
        for (int e = 0; e < fused.Count; e++)
        {
            Assert.Equal(autograd[e].TrainLoss, fused[e].TrainLoss, 1e-3 * autograd[e].TrainLoss);
            Assert.Equal(autograd[e].Test!.Rmse, fused[e].Test!.Rmse, 1e-3 * autograd[e].Test!.Rmse);
        }
    }

    [Fact]
    public void RegressionLosses_AreDifferentObjectives()
    {
        var train = LinearTargets(200, 4);
        double First(RegressionLoss loss) => Regression(loss, TrainingEngine.Auto, epochs: 1).Fit(train, null, new Rng(3))[0].TrainLoss;
        double mse = First(RegressionLoss.Mse), huber = First(RegressionLoss.Huber), l1 = First(RegressionLoss.L1);
        Assert.NotEqual(mse, huber);
        Assert.NotEqual(mse, l1);
        Assert.NotEqual(huber, l1);
    }

    [Fact]
    public void RegressionEvaluation_ScoresInTargetUnits_AndTheLossInModelUnits()
    {
        // A fixed model ŷ = 2x on x = 1..4 with targets 2, 4, 6, 9: one residual of −1.
        var linear = new Linear(1, 1, new Rng(0));
        linear.Weight.Data[0] = 2f;
        linear.Bias!.Data[0] = 0f;
        var model = new Sequential(linear);
        var data = new InMemoryDataset([1f, 2f, 3f, 4f], 1, [2f, 4f, 6f, 9f], 1);

        Evaluation mse = Evaluator.Evaluate(model, data, new RegressionObjective());
        Assert.Equal(4, mse.Count);
        Assert.Equal(0.25, mse.Loss, 12);
        Assert.Equal(0.5, mse.Rmse, 12);
        Assert.Equal(0.25, mse.Mae, 12);
        Assert.Equal(1 - 1 / 26.75, mse.RSquared, 12);
        Assert.Equal(Math.Abs(Math.Log(8.0 / 9)) / 2, mse.LogRmse, 12);
        Assert.Equal(["loss", "rmse", "mae", "r2", "log_rmse"], mse.Metrics.Select(m => m.Name));
        Assert.Equal(mse.Rmse, mse.Get("rmse"));
        Assert.Equal(0.125, Evaluator.Evaluate(model, data, new RegressionObjective(RegressionLoss.Huber)).Loss, 12);
        Assert.Equal(0.25, Evaluator.Evaluate(model, data, new RegressionObjective(RegressionLoss.L1)).Loss, 12);

        // Standardized targets: y = 2z + 10. The scores come back in y's units, the loss stays in z's.
        var target = new FittedTarget { Name = "y", Task = TaskKind.Regression, Standardize = true, Mean = 10, Std = 2 };
        Evaluation scaled = Evaluator.Evaluate(model, data, new RegressionObjective(Target: target));
        Assert.Equal(0.25, scaled.Loss, 12);
        Assert.Equal(1.0, scaled.Rmse, 12);
        Assert.Equal(0.5, scaled.Mae, 12);
        Assert.Equal(mse.RSquared, scaled.RSquared, 12);

        // A target that is not positive leaves log-RMSE undefined.
        var negative = new InMemoryDataset([1f, 2f], 1, [-1f, 4f], 1);
        Assert.True(double.IsNaN(Evaluator.Evaluate(model, negative, new RegressionObjective()).LogRmse));
    }

    [Fact]
    public void Evaluation_ThroughTheFusedPlan_MatchesTheModulesForwardPass()
    {
        var data = LinearTargets(300, 6);
        var model = new MlpSpec(2, [16, 8], 1, "gelu", BatchNorm: true).Build(new Rng(4));
        var plan = Nn.Fused.FusedMlp.TryCompile(model)!;
        var target = new FittedTarget { Name = "y", Task = TaskKind.Regression, Standardize = true, Mean = 1, Std = 3 };
        var objective = new RegressionObjective(RegressionLoss.Huber, 0.5f, target);
        Evaluation viaModule = Evaluator.Evaluate(model, data, objective, batchSize: 64);
        Evaluation viaPlan = Evaluator.Evaluate(plan, data, objective, batchSize: 64);
        Assert.Equal(300, viaPlan.Count);
        foreach (string name in Evaluation.MetricNames(TaskKind.Regression).Where(n => n != "log_rmse"))
            Assert.Equal(viaModule.Get(name), viaPlan.Get(name), 1e-5 * Math.Max(1, Math.Abs(viaModule.Get(name))));
        Assert.True(model.IsTraining); // the module's mode is restored after evaluating in eval mode

        var classes = BandData.Create(200, 3);
        var classifier = new MlpSpec(2, [8], 2).Build(new Rng(4));
        Evaluation a = Evaluator.Evaluate(classifier, classes);
        Evaluation b = Evaluator.Evaluate(Nn.Fused.FusedMlp.TryCompile(classifier)!, classes);
        Assert.Equal(a.Accuracy, b.Accuracy);
        Assert.Equal(a.Loss, b.Loss, 1e-6);
        Assert.Equal(ClassificationReport.Evaluate(classifier, classes, ["out", "in"]).Accuracy, a.Accuracy);
    }

    [Fact]
    public void RegressionObjective_RefusesClassLabels_AndClassificationRefusesTargets()
    {
        var classes = BandData.Create(20, 1);
        var regression = Regression(RegressionLoss.Mse, TrainingEngine.Auto);
        var e = Assert.Throws<DendriteException>(() => regression.Fit(classes, null, new Rng(0)));
        Assert.Contains("class labels", e.Message, StringComparison.Ordinal);

        var model = new MlpSpec(2, [4], 2).Build(new Rng(0));
        var classifier = new Trainer(model, new Sgd(model.Parameters(), new SgdOptions(0.1f)), new TrainerOptions(Epochs: 1));
        e = Assert.Throws<DendriteException>(() => classifier.Fit(LinearTargets(20, 1), null, new Rng(0)));
        Assert.Contains("regression targets", e.Message, StringComparison.Ordinal);

        // Two outputs for one target per sample.
        var wide = new MlpSpec(2, [4], 2).Build(new Rng(0));
        var mismatch = new Trainer(wide, new Sgd(wide.Parameters(), new SgdOptions(0.1f)), new TrainerOptions(Epochs: 1), objective: new RegressionObjective());
        Assert.Contains("1 targets per sample", Assert.Throws<DendriteException>(() => mismatch.Fit(LinearTargets(20, 1), null, new Rng(0))).Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void BalancedWeights_GiveEachClassTheSameTotalWeight()
    {
        float[] w = ClassificationObjective.BalancedWeights([0, 0, 0, 1], 3);
        Assert.Equal([4f / 9, 4f / 3, 1f], w); // n / (classes · count); the absent class 2 gets 1
        Assert.Throws<DendriteException>(() => new ClassificationObjective([1f, 0f]));
        Assert.Throws<DendriteException>(() => new ClassificationObjective(labelSmoothing: 1f));
    }

    [Fact]
    public void WeightedCrossEntropy_IsTheWeightedMean_OnTheGraphAndTheFusedPlan()
    {
        var model = new MlpSpec(2, [], 3).Build(new Rng(5));
        float[] x = [0.5f, -1f, 2f, 0.25f, -0.75f, 1.5f, 1f, 1f];
        int[] labels = [0, 2, 1, 2];
        float[] weights = [1f, 3f, 0.5f];
        var objective = new ClassificationObjective(weights);
        Tensor logits = model.Forward(new Tensor((float[])x.Clone(), 4, 2));
        double[] perSample = [.. Enumerable.Range(0, 4).Select(i =>
        {
            var row = logits.Data.AsSpan(3 * i, 3).ToArray();
            double max = row.Max();
            return Math.Log(row.Sum(v => Math.Exp(v - max))) + max - row[labels[i]];
        })];
        double expected = Enumerable.Range(0, 4).Sum(i => weights[labels[i]] * perSample[i]) / labels.Sum(l => weights[l]);

        Assert.Equal(expected, objective.TrainingLoss(logits, new Batch(new Tensor((float[])x.Clone(), 4, 2), labels)).Item(), 5);
        var plan = Nn.Fused.FusedMlp.TryCompile(model)!;
        var step = objective.Step(plan, new Batch(new Tensor((float[])x.Clone(), 4, 2), labels));
        Assert.Equal(expected, step.LossSum / 4, 5);
        Assert.NotEqual(perSample.Average(), expected, 3); // the weights matter here
    }

    [Fact]
    public void ClassWeights_RaiseTheRecallOfARareClass_OnBothEngines()
    {
        // One class in ten: the band data's class 1 thinned out.
        var band = BandData.Create(2000, 7);
        int[] keep = [.. Enumerable.Range(0, band.Count).Where(i => band.Labels[i] == 0 || i % 9 == 0)];
        var train = band.Subset(keep);
        Assert.InRange(train.Labels.Count(l => l == 1) / (double)train.Count, 0.08, 0.12);
        var balanced = new ClassificationObjective(ClassificationObjective.BalancedWeights(train.Labels, 2));
        Assert.True(balanced.ClassWeights![1] > 4 * balanced.ClassWeights[0]);

        (double Recall, double Loss) Run(Objective? objective, TrainingEngine engine)
        {
            var model = new MlpSpec(2, [16], 2).Build(new Rng(2));
            var trainer = new Trainer(model, new Sgd(model.Parameters(), new SgdOptions(0.2f)), new TrainerOptions(Epochs: 15, BatchSize: 32, Engine: engine),
                objective: objective);
            var history = trainer.Fit(train, null, new Rng(4));
            return (ClassificationReport.Evaluate(model, train, ["out", "in"]).Classes[1].Recall, history[^1].TrainLoss);
        }
        var plain = Run(null, TrainingEngine.Auto);
        var weighted = Run(balanced, TrainingEngine.Fused);
        var weightedAutograd = Run(balanced, TrainingEngine.Autograd);
        Assert.True(weighted.Recall > plain.Recall + 0.1, $"recall of the rare class: {plain.Recall} plain, {weighted.Recall} weighted");
        Assert.Equal(weightedAutograd.Loss, weighted.Loss, 1e-3 * weighted.Loss);
        Assert.Equal(weightedAutograd.Recall, weighted.Recall, 2);
    }

    [Fact]
    public void LabelSmoothing_ForcesTheAutogradPath_AndChangesTheLoss()
    {
        Trainer Make(Objective? objective, TrainingEngine engine = TrainingEngine.Auto)
        {
            var model = new MlpSpec(2, [8], 2).Build(new Rng(1), new Rng(2));
            return new Trainer(model, new Sgd(model.Parameters(), new SgdOptions(0.1f)), new TrainerOptions(Epochs: 2, BatchSize: 16, Engine: engine),
                objective: objective);
        }
        var smoothing = new ClassificationObjective(labelSmoothing: 0.3f);
        Assert.True(smoothing.NeedsAutograd);
        Assert.False(ClassificationObjective.Default.NeedsAutograd);
        Assert.NotNull(Make(null).Plan);
        var smooth = Make(smoothing);
        Assert.Null(smooth.Plan);
        Assert.Contains("autograd", Assert.Throws<DendriteException>(() => Make(smoothing, TrainingEngine.Fused)).Message, StringComparison.Ordinal);
        var data = BandData.Create(64, 1);
        double plain = Make(null, TrainingEngine.Autograd).Fit(data, data, new Rng(3))[0].TrainLoss;
        double smoothed = smooth.Fit(data, data, new Rng(3))[0].TrainLoss;
        Assert.NotEqual(plain, smoothed);
    }

    [Fact]
    public void ObjectiveSpec_CreatesTheObjectiveOfTheDataTask()
    {
        var classes = BandData.Create(40, 1);
        var targets = LinearTargets(40, 1);
        Assert.Equal(ClassificationObjective.Default, new ObjectiveSpec().Create(classes, 2));
        Assert.Equal(new RegressionObjective(), new ObjectiveSpec().Create(targets, 1));
        Assert.Equal(new RegressionObjective(RegressionLoss.Huber, 0.5f), new ObjectiveSpec(Loss: RegressionLoss.Huber, HuberDelta: 0.5f).Create(targets, 1));
        var fitted = new FittedTarget { Name = "y", Task = TaskKind.Regression, Mean = 3 };
        Assert.Same(fitted, ((RegressionObjective)new ObjectiveSpec().Create(targets, 1, fitted)).Target);
        var weighted = (ClassificationObjective)new ObjectiveSpec(ClassWeighting.Balanced, 0.1f).Create(classes, 3);
        Assert.Equal(ClassificationObjective.BalancedWeights(classes.Labels, 3), weighted.ClassWeights!);
        Assert.Equal(0.1f, weighted.LabelSmoothing);
    }

    [Fact]
    public void ObjectiveSpec_RefusesSettingsOfTheOtherTask()
    {
        var classes = BandData.Create(40, 1);
        var targets = LinearTargets(40, 1);
        string Refusal(ObjectiveSpec spec, InMemoryDataset data) =>
            Assert.Throws<DendriteException>(() => spec.Create(data, data.IsRegression ? 1 : 2)).Message;
        Assert.Contains("class weighting applies to classification only", Refusal(new ObjectiveSpec(ClassWeighting.Balanced), targets), StringComparison.Ordinal);
        Assert.Contains("label smoothing applies to classification only", Refusal(new ObjectiveSpec(LabelSmoothing: 0.1f), targets), StringComparison.Ordinal);
        Assert.Contains("huber loss applies to regression only", Refusal(new ObjectiveSpec(Loss: RegressionLoss.Huber), classes), StringComparison.Ordinal);
        Assert.Throws<DendriteException>(() => new ObjectiveSpec(ClassWeighting.Balanced).CheckApplies(TaskKind.Regression));
        Assert.Throws<DendriteException>(() => new ObjectiveSpec(Loss: RegressionLoss.L1).CheckApplies(TaskKind.Classification));
        new ObjectiveSpec(ClassWeighting.Balanced, 0.2f).CheckApplies(TaskKind.Classification);
        new ObjectiveSpec(Loss: RegressionLoss.L1).CheckApplies(TaskKind.Regression);
        Assert.Throws<DendriteException>(() => new ObjectiveSpec(LabelSmoothing: 1f).Validate());
        Assert.Throws<DendriteException>(() => new ObjectiveSpec(HuberDelta: 0f).Validate());
    }

    [Fact]
    public void Goals_PickAccuracyUpAndRmseDown()
    {
        Assert.Equal(MetricGoal.Accuracy, ClassificationObjective.Default.Goal);
        Assert.Equal(MetricGoal.Rmse, new RegressionObjective().Goal);
        Assert.True(MetricGoal.Accuracy.Improves(0.8, 0.7));
        Assert.False(MetricGoal.Accuracy.Improves(0.705, 0.7, minDelta: 0.01));
        Assert.True(MetricGoal.Rmse.Improves(0.5, 0.7));
        Assert.False(MetricGoal.Rmse.Improves(0.8, 0.7));
        Assert.True(MetricGoal.Rmse.Improves(3, double.NaN)); // the first finite value is a best
        Assert.False(MetricGoal.Accuracy.Improves(double.NaN, 0.1)); // a diverged model never is
        Assert.Equal(["loss", "acc"], Evaluation.MetricNames(TaskKind.Classification));
    }
}
