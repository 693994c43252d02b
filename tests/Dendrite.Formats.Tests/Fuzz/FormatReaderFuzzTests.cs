using System.Text;
using Dendrite.Formats.Models;
using Dendrite.Formats.Safetensors;
using Dendrite.Formats.Tests.Safetensors;
using Dendrite.Nn;
using Dendrite.Random;
using Dendrite.Tensors;
using Dendrite.TestKit.Fuzzing;

namespace Dendrite.Formats.Tests.Fuzz;

/// <summary>
/// Mutated safetensors files and Dendrite model files (bytes flipped, truncated, the header length, offsets, shapes,
/// dtypes and the architecture's numbers changed): every one either loads or fails with a
/// <see cref="DendriteException"/> with a one-line message, within a bounded allocation. About 10 s on 2 cores; see
/// <see cref="FuzzRun"/> for a longer run.
/// </summary>
[Trait("Category", "Fuzz")]
public sealed class FormatReaderFuzzTests
{
    private static readonly string[] HeaderTokens =
    [
        "\"F32\"", "\"F16\"", "\"BF16\"", "\"F64\"", "\"I64\"", "\"I8\"", "\"U8\"", "\"BOOL\"", "\"F8_E4M3\"", "\"X\"",
        "[", "]", "{", "}", ",", ":", "\"", "\\", "\\u0000", "\\ud800", "null", "true", "-1", "1e400", "0.5",
        "\"__metadata__\"", "\"shape\"", "\"data_offsets\"", "\"dtype\"", "[]", "{}", "\u00e9", "\xff",
    ];

    private static byte[] LengthEdit(System.Random rng, byte[] b) =>
        rng.Next(2) == 0 ? Mutator.OverwriteInteger(rng, b, 0, 8, bigEndian: false) : Mutator.ReplaceNumber(rng, b);

    private static byte[][] Seeds()
    {
        var rng = new Rng(11);
        byte[] plain = SafetensorsWriter.ToBytes(
            [new("a", Tensor.Randn(rng, [2, 3])), new("b", Tensor.Randn(rng, [4])), new("s", Tensor.Randn(rng, []))],
            new Dictionary<string, string> { ["note"] = "seed" });
        byte[] mixed = SafetensorsBytes.Build(
            """{"h":{"dtype":"F16","shape":[2,2],"data_offsets":[0,8]},"i":{"dtype":"I64","shape":[1],"data_offsets":[8,16]},"z":{"dtype":"BF16","shape":[0,3],"data_offsets":[16,16]},"__metadata__":{"k":"v"}}""",
            Enumerable.Range(0, 16).Select(i => (byte)(i * 17)).ToArray());
        var model = new Sequential(new Linear(3, 4, new Rng(1)), new ReLU(), new BatchNorm1d(4), new Linear(4, 2, new Rng(2)));
        return [plain, mixed, Model.ToBytes(model)];
    }

    private static string? OneLine(DendriteException e) =>
        e.Message.Contains('\n', StringComparison.Ordinal) || e.Message.Contains('\r', StringComparison.Ordinal) ? "message spans lines" : null;

    [Fact]
    public void SafetensorsReader_MutatedFiles_LoadOrFailWithADendriteException()
    {
        byte[][] seeds = Seeds();
        var mutator = new Mutator(HeaderTokens, LengthEdit);

        FuzzRun.Check("safetensors", FuzzRun.Iterations(25_000),
            rng => mutator.Mutate(rng, seeds[rng.Next(seeds.Length)]),
            mutant =>
            {
                SafetensorsReader.ReadHeader(mutant, "fuzz");
                SafetensorsReader.Read(mutant, "fuzz");
            },
            checkError: (_, e) => OneLine(e));
    }

    [Fact]
    public void ModelRead_MutatedModelFiles_LoadAndBuildOrFailWithADendriteException()
    {
        using var dir = new TempFolder();
        string seedPath = dir.File("seed.safetensors");
        Model.Save(new Sequential(new Linear(3, 4, new Rng(1)), new ReLU(), new BatchNorm1d(4), new Linear(4, 2, new Rng(2))), seedPath);
        byte[] seed = File.ReadAllBytes(seedPath);
        string path = dir.File("fuzz.safetensors");
        var mutator = new Mutator(HeaderTokens, LengthEdit);

        FuzzRun.Check("model", FuzzRun.Iterations(25_000),
            rng => mutator.Mutate(rng, seed),
            mutant =>
            {
                // One mutant in four goes through a file, as Model.Load reads it; the rest through memory.
                ModelFile file;
                if (mutant.Length % 4 == 0)
                {
                    File.WriteAllBytes(path, mutant);
                    file = Model.Read(path);
                }
                else
                {
                    file = Model.Read(mutant, "fuzz");
                }
                if (file.Architecture is not null) file.Build();
            },
            checkError: (_, e) => OneLine(e));
    }
}
