using System.Runtime.CompilerServices;

namespace Dendrite.Kernels.Gemm;

/// <summary>
/// A growable float buffer on the pinned object heap, exposed as a 64-byte aligned pointer (one cache line, one
/// Vector512). Pinned so raw pointers into it stay valid while worker threads read it; grown, never shrunk, so the
/// steady state allocates nothing.
/// </summary>
internal sealed unsafe class AlignedBuffer
{
    private float[] _array = [];
    private float* _aligned;
    private int _capacity;

    /// <summary>Returns an aligned pointer to at least <paramref name="length"/> floats (contents undefined).</summary>
    public float* Get(int length)
    {
        if (length > _capacity)
        {
            int capacity = Math.Max(length, _capacity + _capacity / 2);
            _array = GC.AllocateUninitializedArray<float>(capacity + 16, pinned: true);
            nint start = (nint)Unsafe.AsPointer(ref _array[0]);
            _aligned = (float*)((start + 63) & ~(nint)63);
            _capacity = capacity;
        }
        return _aligned;
    }
}
