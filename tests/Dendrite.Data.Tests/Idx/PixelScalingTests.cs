using Dendrite.Data.Idx;

namespace Dendrite.Data.Tests.Idx;

public sealed class PixelScalingTests
{
    [Fact]
    public void ScaleSerial_EveryLengthAndOffset_EqualsScalarDivisionBitForBit()
    {
        byte[] pixels = IdxBytes.Noise(300, seed: 4);
        pixels[0] = 0;
        pixels[1] = 255;
        for (int offset = 0; offset < 3; offset++)
            for (int length = 1; length <= 256; length++)
            {
                var actual = new float[length];
                PixelScaling.ScaleSerial(pixels.AsSpan(offset, length), actual);
                for (int i = 0; i < length; i++)
                    Assert.Equal(BitConverter.SingleToInt32Bits(pixels[offset + i] / 255f), BitConverter.SingleToInt32Bits(actual[i]));
            }
    }

    [Fact]
    public void Scale_LargerThanOneChunk_SplitsOverThreadsWithTheSameResult()
    {
        byte[] pixels = IdxBytes.Noise((2 << 20) + 13, seed: 5);
        var actual = new float[pixels.Length];

        PixelScaling.Scale(pixels, actual);

        for (int i = 0; i < pixels.Length; i++) Assert.Equal(pixels[i] / 255f, actual[i]);
    }

    [Fact]
    public void Scale_LengthsDiffer_Throws() => Assert.Throws<ArgumentException>(() => PixelScaling.Scale(new byte[3], new float[4]));
}
