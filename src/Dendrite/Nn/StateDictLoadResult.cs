namespace Dendrite.Nn;

/// <summary>
/// What <see cref="Module.LoadStateDict"/> did not match, as PyTorch's <c>load_state_dict</c> reports it: keys of
/// the model the dict lacked (left unchanged) and keys of the dict the model does not have (ignored). Both are empty
/// after a strict load, which throws instead.
/// </summary>
/// <param name="MissingKeys">Model keys absent from the dict, in the model's order.</param>
/// <param name="UnexpectedKeys">Dict keys the model does not have, in the dict's order.</param>
public sealed record StateDictLoadResult(IReadOnlyList<string> MissingKeys, IReadOnlyList<string> UnexpectedKeys)
{
    /// <summary>True when every key matched.</summary>
    public bool IsExact => MissingKeys.Count == 0 && UnexpectedKeys.Count == 0;
}
