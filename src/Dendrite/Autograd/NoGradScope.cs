namespace Dendrite.Autograd;

/// <summary>Scope returned by <see cref="AutogradContext.NoGrad"/>; dispose it to re-enable recording.</summary>
public readonly struct NoGradScope : IDisposable
{
    public void Dispose() => AutogradContext.Exit();
}
