namespace Dendrite.Examples.Results;

/// <summary>One training run of <see cref="WeightDecay"/>: final mean squared losses and ‖w‖₂.</summary>
/// <param name="Lambda">The L2 penalty coefficient λ.</param>
/// <param name="Method">"scratch" (penalty λ/2·‖w‖² added to the loss) or "Sgd WeightDecay" (the optimizer's decay).</param>
/// <param name="TrainLoss">Mean ½(ŷ − y)² on the 20 training samples.</param>
/// <param name="TestLoss">Mean ½(ŷ − y)² on the held-out samples.</param>
/// <param name="WeightNorm">‖w‖₂ after training.</param>
public sealed record DecayRun(float Lambda, string Method, double TrainLoss, double TestLoss, double WeightNorm);
