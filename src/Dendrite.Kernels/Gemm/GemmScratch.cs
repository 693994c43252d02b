namespace Dendrite.Kernels.Gemm;

/// <summary>Per-thread packing buffers: every thread (callers and pool workers) reuses its own.</summary>
internal static class GemmScratch
{
    [ThreadStatic] private static AlignedBuffer? t_packA;
    [ThreadStatic] private static AlignedBuffer? t_packB;
    [ThreadStatic] private static AlignedBuffer? t_tile;

    /// <summary>Buffer for this thread's packed block of A.</summary>
    public static AlignedBuffer PackA => t_packA ??= new AlignedBuffer();

    /// <summary>Buffer for the whole packed op(B) of a call; owned by the calling thread, read by all workers.</summary>
    public static AlignedBuffer PackB => t_packB ??= new AlignedBuffer();

    /// <summary>Buffer for one MR×NR edge tile (written by the kernel, then merged into C).</summary>
    public static AlignedBuffer Tile => t_tile ??= new AlignedBuffer();
}
