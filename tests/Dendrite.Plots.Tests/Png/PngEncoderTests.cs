using System.Buffers.Binary;
using Dendrite.Plots.Png;

namespace Dendrite.Plots.Tests.Png;

public class PngEncoderTests
{
    [Fact]
    public void Crc32_MatchesStandardCheckValue()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
        Assert.Equal(Crc32.Compute("123456789"u8), Crc32.Append(Crc32.Compute("1234"u8), "56789"u8));
    }

    [Fact]
    public void EncodeGray_WritesSignatureAndIhdrWithSize()
    {
        byte[] png = PngEncoder.EncodeGray(new byte[5 * 3], 5, 3);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Equal(13, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(8)));
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal(5, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(3, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        Assert.Equal(8, png[24]);   // bit depth
        Assert.Equal(0, png[25]);   // greyscale
        Assert.Equal("IEND", System.Text.Encoding.ASCII.GetString(png, png.Length - 8, 4));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(28, 28)]
    [InlineData(7, 13)]
    public void EncodeGray_RoundTripsThroughDecoder_WithValidCrcs(int width, int height)
    {
        var pixels = new byte[width * height];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (byte)(i * 37 + i / 3);
        var decoded = PngReader.Decode(PngEncoder.EncodeGray(pixels, width, height)); // throws on any bad CRC
        Assert.Equal((width, height, 1), (decoded.Width, decoded.Height, decoded.Channels));
        Assert.Equal(pixels, decoded.Pixels);
    }

    [Fact]
    public void Decoder_RejectsCorruptedChunk_SoTheCrcCheckIsReal()
    {
        byte[] png = PngEncoder.EncodeGray(new byte[] { 1, 2, 3, 4 }, 2, 2);
        png[18] ^= 1; // flip a bit inside IHDR's width
        Assert.Throws<InvalidDataException>(() => PngReader.Decode(png));
    }

    [Fact]
    public void EncodeGray_FromFloats_ClampsAndRounds()
    {
        float[] pixels = [-1f, 0f, 0.5f, 1f, 2f, float.NaN];
        var decoded = PngReader.Decode(PngEncoder.EncodeGray(pixels, 6, 1));
        Assert.Equal(new byte[] { 0, 0, 128, 255, 255, 0 }, decoded.Pixels);
    }

    [Fact]
    public void EncodeGray_Throws_WhenPixelCountDoesNotMatchSize()
    {
        var ex = Assert.Throws<ArgumentException>(() => PngEncoder.EncodeGray(new byte[10], 3, 3));
        Assert.Contains("3×3 = 9", ex.Message);
    }
}
