namespace Dendrite.Autograd;

/// <summary>Scope returned by <see cref="AutogradContext.NoGrad"/>; dispose it to re-enable recording.</summary>
public readonly struct NoGradScope : IDisposable
{
    /// <summary>
    /// Ends this scope: recording resumes once every enclosing scope is disposed too. Dispose each scope exactly once,
    /// on the thread that created it (the nesting depth is per thread); a <c>using</c> statement does both.
    /// </summary>
    public void Dispose() => AutogradContext.Exit();
}
