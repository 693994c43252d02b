using Dendrite.Training.Distributed;

namespace Dendrite.Training.Tests.Distributed;

/// <summary>
/// An in-process <see cref="IDataParallelGroup"/>: N ranks on N threads that exchange their buffers through shared
/// slots and add them in rank order, so the trainer's data-parallel logic is tested without MPI.
/// </summary>
internal sealed class ThreadGroup(int rank, ThreadGroup.Shared shared) : IDataParallelGroup
{
    /// <summary>The state all ranks of one job share.</summary>
    internal sealed class Shared(int size)
    {
        public Barrier Barrier { get; } = new(size);

        public object[] Slots { get; } = new object[size];

        public int Size => size;
    }

    public int Rank => rank;

    public int Size => shared.Size;

    /// <summary>When set, runs on this rank just before its next hash check (to break its replica on purpose).</summary>
    public Action? BeforeHashCheck { get; set; }

    public void Sum(Span<float> values)
    {
        object[] all = Exchange(values.ToArray());
        for (int i = 0; i < values.Length; i++)
        {
            float sum = 0;
            foreach (float[] part in all.Cast<float[]>()) sum += part[i];
            values[i] = sum;
        }
    }

    public void Sum(Span<double> values)
    {
        object[] all = Exchange(values.ToArray());
        for (int i = 0; i < values.Length; i++)
        {
            double sum = 0;
            foreach (double[] part in all.Cast<double[]>()) sum += part[i];
            values[i] = sum;
        }
    }

    public bool AllEqual(ulong value)
    {
        BeforeHashCheck?.Invoke();
        BeforeHashCheck = null;
        object[] all = Exchange(value);
        return all.All(v => (ulong)v == value);
    }

    private object[] Exchange(object mine)
    {
        shared.Slots[rank] = mine;
        shared.Barrier.SignalAndWait();
        object[] all = [.. shared.Slots];
        shared.Barrier.SignalAndWait();
        return all;
    }

    /// <summary>Runs <paramref name="body"/> once per rank of a new <paramref name="size"/>-rank group, each on its own thread; returns the results by rank.</summary>
    public static T[] Run<T>(int size, Func<ThreadGroup, T> body)
    {
        var shared = new Shared(size);
        var results = new T[size];
        var errors = new Exception?[size];
        var threads = Enumerable.Range(0, size).Select(r => new Thread(() =>
        {
            try
            {
                results[r] = body(new ThreadGroup(r, shared));
            }
            catch (Exception e)
            {
                errors[r] = e;
                shared.Barrier.RemoveParticipant();
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Exception[] failed = [.. errors.OfType<Exception>()];
        if (failed.Length > 0) throw new AggregateException(failed);
        return results;
    }
}
