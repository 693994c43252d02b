using System.Buffers.Binary;
using System.Text;
using Dendrite.Data.Loading;

namespace Dendrite.Data.Tests.Loading;

/// <summary>
/// Rebuilds the official Fashion-MNIST .gz files from the Debian package's copies. Debian ships the same deflate
/// streams (and CRC/size trailers) behind a 10-byte gzip header without the file-name field; the official files
/// carry FNAME and their original modification time. Swapping the header back reproduces them byte for byte,
/// which the official README's MD5s confirm.
/// </summary>
internal static class OfficialFashionMnist
{
    public const string DebianDirectory = FashionMnistLocator.DebianDirectory;

    /// <summary>MD5s published in the official README (and in the Debian package's copy of it).</summary>
    public static string ReadmeMd5(string name) => name switch
    {
        FashionMnistFiles.TrainImages => "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
        FashionMnistFiles.TrainLabels => "25c81989df183df01b3e8a0aad5dffbe",
        FashionMnistFiles.TestImages => "bef4ecab320f06d8554ea6380940ec79",
        FashionMnistFiles.TestLabels => "bb300cfdad3c16e7a12a480ee83cd310",
        _ => throw new ArgumentException(name, nameof(name)),
    };

    /// <summary>The gzip MTIME of the official files (found by matching the README MD5s).</summary>
    private static uint ModificationTime(string name)
        => name.StartsWith("train", StringComparison.Ordinal) ? 1504176606u : 1504176627u;

    public static byte[] Rebuild(string name)
    {
        byte[] debian = File.ReadAllBytes(Path.Combine(DebianDirectory, name + ".gz"));
        // ID1 ID2 CM=deflate FLG=0: no optional fields, so the deflate data starts at byte 10.
        if (debian[0] != 0x1F || debian[1] != 0x8B || debian[2] != 8 || debian[3] != 0)
            throw new InvalidOperationException($"{name}.gz: unexpected gzip header in the Debian copy");

        byte[] fileName = Encoding.ASCII.GetBytes(name + "\0");
        var official = new byte[10 + fileName.Length + debian.Length - 10];
        official[0] = 0x1F;
        official[1] = 0x8B;
        official[2] = 8;    // deflate
        official[3] = 0x08; // FLG.FNAME
        BinaryPrimitives.WriteUInt32LittleEndian(official.AsSpan(4), ModificationTime(name));
        official[8] = 0;    // XFL
        official[9] = 3;    // OS = Unix
        fileName.CopyTo(official, 10);
        debian.AsSpan(10).CopyTo(official.AsSpan(10 + fileName.Length));
        return official;
    }
}
