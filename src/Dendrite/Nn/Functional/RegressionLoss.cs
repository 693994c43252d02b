namespace Dendrite.Nn.Functional;

/// <summary>The regression losses a trainer and the fused plan can minimize (mean over all output elements, as PyTorch's default).</summary>
public enum RegressionLoss
{
    /// <summary>Mean squared error, (p − t)² (<see cref="F.MseLoss"/>).</summary>
    Mse,

    /// <summary>Huber with threshold δ: quadratic below δ, linear above (<see cref="F.HuberLoss"/>); robust to a few wild targets.</summary>
    Huber,

    /// <summary>Mean absolute error, |p − t| (<see cref="F.L1Loss"/>).</summary>
    L1,
}
