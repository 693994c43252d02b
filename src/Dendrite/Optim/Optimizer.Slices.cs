using Dendrite.Kernels.Threading;

namespace Dendrite.Optim;

public abstract partial class Optimizer
{
    /// <summary>
    /// Below this many elements a parameter is updated on the calling thread: waking a worker costs more than the
    /// update (a 256-float bias takes well under a microsecond).
    /// </summary>
    private const int MinSliceElements = 16_384;

    /// <summary>Slice starts are multiples of this, so every slice but the last is whole SIMD vectors.</summary>
    private const int SliceAlignment = 64;

    private SliceWork? _sliceWork;

    /// <summary>Parameter <paramref name="index"/>'s update, cut into one slice per kernel thread when it is large.</summary>
    private void UpdateSliced(int index, float[] param, float[] grad)
    {
        int threads = KernelThreads.Count;
        if (threads <= 1 || param.Length < MinSliceElements)
        {
            Update(index, 0, param, grad);
            return;
        }
        SliceWork work = _sliceWork ??= new SliceWork(this);
        work.Set(index, param, grad, threads);
        try
        {
            ParallelFor.Run(work, threads, threads);
        }
        finally
        {
            work.Set(0, [], [], 1);
        }
    }

    /// <summary>One parameter's update as <see cref="ParallelWork"/>: item i updates slice i. Reused, so a step allocates nothing.</summary>
    private sealed class SliceWork(Optimizer owner) : ParallelWork
    {
        private int _index, _slices;
        private float[] _param = [], _grad = [];

        public void Set(int index, float[] param, float[] grad, int slices) =>
            (_index, _param, _grad, _slices) = (index, param, grad, slices);

        public override void Execute(int slice)
        {
            int start = Boundary(slice), end = Boundary(slice + 1);
            if (end > start) owner.Update(_index, start, _param.AsSpan(start, end - start), _grad.AsSpan(start, end - start));
        }

        /// <summary>Start of slice <paramref name="slice"/>: an equal share rounded to <see cref="SliceAlignment"/>; the last ends at the length.</summary>
        private int Boundary(int slice) => slice >= _slices
            ? _param.Length
            : (int)((long)_param.Length * slice / _slices / SliceAlignment * SliceAlignment);
    }
}
