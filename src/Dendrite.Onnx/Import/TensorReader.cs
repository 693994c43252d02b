using System.Buffers.Binary;
using Dendrite.Nn.Configs;
using Dendrite.Onnx.Protobuf;
using DataType = Dendrite.Onnx.Protobuf.TensorProto.Types.DataType;

namespace Dendrite.Onnx.Import;

/// <summary>
/// Turns a TensorProto into float32 values, checking before it allocates: the dimensions are non-negative and their
/// product within <see cref="ModelLimits.MaxTensorElements"/>, the data (raw_data or the typed field) holds exactly
/// that many elements, and the data is in the file (external data is refused). Float, double, int32 and int64 tensors
/// are read; integers and doubles become float32 (they appear as small constants, such as an exponent).
/// </summary>
internal static class TensorReader
{
    public static ConstTensor Read(TensorProto tensor, string what, string source, ModelLimits limits, bool learned)
    {
        if (tensor.DataLocation == TensorProto.Types.DataLocation.External || tensor.ExternalData.Count > 0)
            throw new OnnxFormatException($"{source}: {what} keeps its data in an external file, which is not supported; save the model as one file");
        if (tensor.Segment is not null) throw new OnnxFormatException($"{source}: {what} is a segment of a tensor, which is not supported");
        long count = 1;
        foreach (long d in tensor.Dims)
        {
            if (d < 0) throw new OnnxFormatException($"{source}: {what} has a negative dimension {d}");
            if (d > 0 && count > limits.MaxTensorElements / d)
                throw new OnnxFormatException($"{source}: {what} has shape [{string.Join(", ", tensor.Dims)}], more than the limit of {limits.MaxTensorElements:N0} elements");
            count *= d;
        }
        if (count > limits.MaxTensorElements)
            throw new OnnxFormatException($"{source}: {what} has {count:N0} elements, more than the limit of {limits.MaxTensorElements:N0}");
        int n = (int)count;
        var type = (DataType)tensor.DataType;
        int size = type switch
        {
            DataType.Float or DataType.Int32 => 4,
            DataType.Double or DataType.Int64 => 8,
            _ => throw new OnnxFormatException($"{source}: {what} has element type {type}; expected float (or double/int32/int64 for a constant)"),
        };
        var values = new float[n];
        if (tensor.HasRawData)
        {
            ReadOnlySpan<byte> raw = tensor.RawData.Span;
            if (raw.Length != (long)n * size)
                throw new OnnxFormatException($"{source}: {what} has {raw.Length:N0} bytes of data, its shape [{string.Join(", ", tensor.Dims)}] needs {(long)n * size:N0}");
            for (int i = 0; i < n; i++)
            {
                ReadOnlySpan<byte> b = raw.Slice(i * size, size);
                values[i] = type switch
                {
                    DataType.Float => BinaryPrimitives.ReadSingleLittleEndian(b),
                    DataType.Double => (float)BinaryPrimitives.ReadDoubleLittleEndian(b),
                    DataType.Int32 => BinaryPrimitives.ReadInt32LittleEndian(b),
                    _ => BinaryPrimitives.ReadInt64LittleEndian(b),
                };
            }
        }
        else
        {
            int stored = type switch
            {
                DataType.Float => tensor.FloatData.Count,
                DataType.Double => tensor.DoubleData.Count,
                DataType.Int32 => tensor.Int32Data.Count,
                _ => tensor.Int64Data.Count,
            };
            if (stored != n)
                throw new OnnxFormatException($"{source}: {what} has {stored:N0} values, its shape [{string.Join(", ", tensor.Dims)}] needs {n:N0}");
            for (int i = 0; i < n; i++)
            {
                values[i] = type switch
                {
                    DataType.Float => tensor.FloatData[i],
                    DataType.Double => (float)tensor.DoubleData[i],
                    DataType.Int32 => tensor.Int32Data[i],
                    _ => tensor.Int64Data[i],
                };
            }
        }
        return new ConstTensor(values, [.. tensor.Dims], learned);
    }
}
