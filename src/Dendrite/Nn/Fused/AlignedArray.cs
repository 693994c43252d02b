using System.Runtime.CompilerServices;

namespace Dendrite.Nn.Fused;

/// <summary>
/// A fixed-length float buffer that starts a 64-byte cache line and whose last line holds nothing else (pinned, so
/// the alignment holds for its life). A buffer that one thread writes then shares no line with a buffer another
/// thread writes, such as the neighbouring group's in <see cref="FusedMlp"/>'s step by parts.
/// </summary>
internal sealed class AlignedArray
{
    private const int LineFloats = 16;

    private readonly float[] _array;
    private readonly int _offset;

    public AlignedArray(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        int rounded = (length + LineFloats - 1) / LineFloats * LineFloats;
        _array = GC.AllocateArray<float>(rounded + LineFloats, pinned: true);
        _offset = OffsetToLine(_array);
        Length = length;
    }

    /// <summary>Usable floats.</summary>
    public int Length { get; }

    /// <summary>Floats start..start+length of the buffer.</summary>
    public Span<float> AsSpan(int start, int length) => _array.AsSpan(_offset, Length).Slice(start, length);

    private static unsafe int OffsetToLine(float[] array)
    {
        nint address = (nint)Unsafe.AsPointer(ref array[0]);
        return (int)((-address & 63) / sizeof(float));
    }
}
