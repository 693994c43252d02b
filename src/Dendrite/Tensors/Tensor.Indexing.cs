namespace Dendrite.Tensors;

/// <summary>Row gather (for batching) and similar indexing.</summary>
public partial class Tensor
{
    /// <summary>Rows <paramref name="rows"/> of the first dimension, stacked: [rows.Length, …]. Backward scatters-adds.</summary>
    public Tensor GatherRows(int[] rows) => throw new NotImplementedException();
}
