using System.Runtime.CompilerServices;
using Dendrite.Kernels.Threading;

namespace Dendrite.Kernels.Elementwise;

/// <summary>One thread's reusable split of a <see cref="RowGather"/>: item i copies the i-th contiguous block of rows.</summary>
internal sealed unsafe class RowGatherJob : ParallelWork
{
    [ThreadStatic] private static RowGatherJob? t_instance;

    private float* _source, _target;
    private int* _rows;
    private int _stride, _cols, _count, _chunks;

    public static RowGatherJob ForThisThread => t_instance ??= new RowGatherJob();

    public void Set(float* source, int stride, int cols, int* rows, int count, float* target, int chunks)
    {
        _source = source; _stride = stride; _cols = cols; _rows = rows; _count = count; _target = target; _chunks = chunks;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Execute(int index)
    {
        int i0 = (int)((long)_count * index / _chunks);
        int i1 = (int)((long)_count * (index + 1) / _chunks);
        RowGather.Copy(_source, _stride, _cols, _rows, i0, i1, _target);
    }
}
