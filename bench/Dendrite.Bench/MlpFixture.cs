using Dendrite.Nn;
using Dendrite.Nn.Fused;
using Dendrite.Optim;
using Dendrite.Random;

namespace Dendrite.Bench;

/// <summary>The d2l reference MLP (784-256-10, ReLU, SGD lr 0.1) with a fixed random batch, ready to step or predict.</summary>
internal sealed class MlpFixture
{
    public MlpFixture(int batch)
    {
        var rng = new Rng(0);
        Model = new Sequential(new Flatten(), new Linear(784, 256, rng), new ReLU(), new Linear(256, 10, rng));
        Optimizer = new Sgd(Model.Parameters(), new SgdOptions(0.1f));
        Plan = FusedMlp.TryCompile(Model)!;
        Batch = batch;
        Input = new float[batch * 784];
        for (int i = 0; i < Input.Length; i++) Input[i] = rng.NextFloat();
        Labels = new int[batch];
        for (int i = 0; i < batch; i++) Labels[i] = rng.NextInt(10);
        Logits = new float[batch * 10];
    }

    public Sequential Model { get; }
    public Sgd Optimizer { get; }
    public FusedMlp Plan { get; }
    public int Batch { get; }
    public float[] Input { get; }
    public int[] Labels { get; }
    public float[] Logits { get; }

    /// <summary>One SGD step: fused forward, loss, backward, then the update.</summary>
    public void TrainStep()
    {
        Plan.TrainStep(Input, Labels, Batch);
        Optimizer.Step();
    }

    public void Predict() => Model.Predict(Input, Batch, Logits);
}
