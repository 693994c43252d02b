using Dendrite.Formats.IO;
using Dendrite.Formats.Safetensors;
using Dendrite.Tensors;

namespace Dendrite.Formats.Tests.IO;

/// <summary>A failed save never damages the previous checkpoint and never leaves temporary files.</summary>
public class AtomicWriteTests
{
    private static KeyValuePair<string, Tensor>[] NewTensors() => [new("w", Tensor.Full(2f, 64, 64)), new("b", Tensor.Ones(64))];

    private static (TempFolder Folder, string Path, byte[] Original) WithExistingCheckpoint()
    {
        var folder = new TempFolder();
        string path = folder.File("model.safetensors");
        SafetensorsWriter.Write(path, [new("old", Tensor.Arange(10))], new Dictionary<string, string> { ["epoch"] = "1" });
        return (folder, path, File.ReadAllBytes(path));
    }

    [Fact]
    public void Overwrite_ReplacesContents_AndLeavesNoTempFile()
    {
        (TempFolder folder, string path, _) = WithExistingCheckpoint();
        using (folder)
        {
            SafetensorsWriter.Write(path, NewTensors());
            Assert.Equal(["b", "w"], SafetensorsReader.Read(path).Tensors.Keys);
            Assert.Equal(["model.safetensors"], folder.Entries());
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(100)]
    [InlineData(10_000)]
    public void StreamFailingMidWrite_KeepsPreviousFile_AndRemovesTempFile(long failAfter)
    {
        (TempFolder folder, string path, byte[] original) = WithExistingCheckpoint();
        using (folder)
        {
            var ex = Assert.Throws<DendriteException>(() =>
                SafetensorsWriter.Write(path, NewTensors(), null, s => new FailingStream(s, failAfter)));

            Assert.IsType<IOException>(ex.InnerException);
            Assert.StartsWith(path + ": cannot write safetensors file", ex.Message);
            Assert.Equal(original, File.ReadAllBytes(path));
            Assert.Equal(["model.safetensors"], folder.Entries());
        }
    }

    [Fact]
    public void FailingStream_ReallyWritesPartialBytes_SoTheTestAboveCanFail()
    {
        // Guards the test double: without atomic writes, a failure after 100 bytes would leave a 100-byte file.
        using var folder = new TempFolder();
        string path = folder.File("direct.bin");
        using (var file = File.Create(path))
        {
            Assert.Throws<IOException>(() => SafetensorsWriter.Write(new FailingStream(file, 100), NewTensors()));
        }
        Assert.Equal(100, new FileInfo(path).Length);
    }

    [Fact]
    public void InvalidTensorName_KeepsPreviousFile_AndCreatesNoTempFile()
    {
        (TempFolder folder, string path, byte[] original) = WithExistingCheckpoint();
        using (folder)
        {
            Assert.Throws<ArgumentException>(() =>
                SafetensorsWriter.Write(path, [new("ok", Tensor.Ones(2)), new("__metadata__", Tensor.Ones(2))]));
            Assert.Equal(original, File.ReadAllBytes(path));
            Assert.Equal(["model.safetensors"], folder.Entries());
        }
    }

    [Fact]
    public void TargetIsADirectory_FailsOnRename_AndRemovesTempFile()
    {
        using var folder = new TempFolder();
        string path = folder.File("taken");
        Directory.CreateDirectory(path);

        Assert.Throws<DendriteException>(() => SafetensorsWriter.Write(path, NewTensors()));

        Assert.Equal(["taken"], folder.Entries());
        Assert.True(Directory.Exists(path));
    }

    [Fact]
    public void MissingFolder_GivesDendriteException_NamingThePath()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "no-such-dir", "m.safetensors");
        var ex = Assert.Throws<DendriteException>(() => SafetensorsWriter.Write(path, NewTensors()));
        Assert.StartsWith(path + ": ", ex.Message);
        Assert.Empty(folder.Entries());
    }

    [Fact]
    public void ExceptionFromCallback_PropagatesUnchanged_AndRemovesTempFile()
    {
        using var folder = new TempFolder();
        string path = folder.File("out.txt");
        File.WriteAllText(path, "before");

        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s =>
        {
            s.Write("partial"u8);
            throw new InvalidOperationException("boom");
        }));

        Assert.Equal("before", File.ReadAllText(path));
        Assert.Equal(["out.txt"], folder.Entries());
    }

    [Fact]
    public void AtomicFile_CreatesNewFile()
    {
        using var folder = new TempFolder();
        string path = folder.File("new.txt");
        AtomicFile.Write(path, s => s.Write("hello"u8));
        Assert.Equal("hello", File.ReadAllText(path));
        Assert.Equal(["new.txt"], folder.Entries());
    }
}
