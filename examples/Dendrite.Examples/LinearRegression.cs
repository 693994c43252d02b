using Dendrite.Autograd;
using Dendrite.Examples.Common;
using Dendrite.Examples.Results;
using Dendrite.Random;
using Dendrite.Tensors;

namespace Dendrite.Examples;

/// <summary>
/// d2l "Linear Regression Implementation from Scratch". We generate 1000 samples of y = X·w + b + ε with
/// w = [2, −3.4], b = 4.2 and ε ~ N(0, 0.01²), then fit w and b with hand-written minibatch SGD on the squared loss.
/// The only library help is autograd (Backward fills Grad); the model, loss, data iterator and update are ours.
/// </summary>
public static class LinearRegression
{
    /// <summary>The name the examples program runs this one by (<c>dotnet run --project examples/Dendrite.Examples NAME</c>).</summary>
    public const string Name = "linear-regression";

    /// <summary>Runs the example with the given settings, printing each step to <paramref name="output"/>, and returns
    /// its numbers (which the tests check).</summary>
    public static LinearRegressionResult Run(TextWriter output, ulong seed = 42, int epochs = 3, float learningRate = 0.03f,
        int batchSize = 10, int sampleCount = 1000)
    {
        ArgumentNullException.ThrowIfNull(output);
        var rng = new Rng(seed);

        // 1. Synthetic data: features ~ N(0, 1), labels from the true parameters plus a little noise.
        float[] trueW = [2f, -3.4f];
        const float trueB = 4.2f;
        Tensor features = Tensor.Randn(rng, [sampleCount, 2]);
        Tensor labels = features.MatMul(Tensor.FromArray(trueW, 2, 1)) + trueB + Tensor.Randn(rng, [sampleCount, 1], 0f, 0.01f);

        // 2. Parameters: w ~ N(0, 0.01²), b = 0, both tracked by autograd.
        Tensor w = Scratch.Learnable(Tensor.Randn(rng, [2, 1], 0f, 0.01f));
        Tensor b = Scratch.Learnable(Tensor.Zeros(1));

        // 3. The model and the loss, exactly as in the book.
        Tensor LinReg(Tensor x) => x.MatMul(w) + b;                          // ŷ = Xw + b (b broadcasts)
        static Tensor SquaredLoss(Tensor yHat, Tensor y) => (yHat - y) * (yHat - y) * 0.5f;

        // 4. Training loop: for each minibatch, loss → backward → SGD step.
        output.WriteLine($"Linear regression from scratch: {sampleCount} samples, batch {batchSize}, lr {learningRate}");
        var epochLosses = new double[epochs];
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            foreach (int[] rows in Scratch.Minibatches(sampleCount, batchSize, rng))
            {
                Tensor loss = SquaredLoss(LinReg(features.GatherRows(rows)), labels.GatherRows(rows)).Mean();
                loss.Backward();
                Scratch.SgdStep([w, b], learningRate);
            }
            using (AutogradContext.NoGrad())
                epochLosses[epoch] = SquaredLoss(LinReg(features), labels).Mean().Item();
            output.WriteLine($"  epoch {epoch + 1}: loss {epochLosses[epoch]:F6}");
        }

        var result = new LinearRegressionResult(trueW, trueB, w.ToArray(), b.Item(), epochLosses);
        output.WriteLine($"  true    w = [{trueW[0]:F4}, {trueW[1]:F4}], b = {trueB:F4}");
        output.WriteLine($"  learned w = [{result.LearnedWeights[0]:F4}, {result.LearnedWeights[1]:F4}], b = {result.LearnedBias:F4}");
        output.WriteLine($"  largest |error| = {result.MaxAbsError:E2}");
        return result;
    }
}
