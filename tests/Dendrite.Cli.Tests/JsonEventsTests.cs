using System.Text.Json;
using Dendrite.Cli.Output;
using Dendrite.Nn;
using Dendrite.Training;

namespace Dendrite.Cli.Tests;

public class JsonEventsTests
{
    [Fact]
    public void EpochEvent_HasFixedKeyOrder_AndRoundedValues()
    {
        string line = JsonEvents.Epoch(new EpochResult(3, 0.812344, 0.701249, 0.76543, 1.23456));
        Assert.Equal("{\"event\":\"epoch\",\"epoch\":3,\"train_loss\":0.81234,\"train_acc\":0.7012,\"test_acc\":0.7654,\"seconds\":1.235}", line);
    }

    [Fact]
    public void DoneEvent_HasFixedKeyOrder()
    {
        var outcome = new TrainingOutcome(new Sequential(), [new EpochResult(1, 1, 0.5, 0.84213, 1), new EpochResult(2, 1, 0.5, 0.8421, 1)], 12.3);
        Assert.Equal("{\"event\":\"done\",\"test_acc\":0.8421,\"epochs\":2,\"seconds\":12.3}", JsonEvents.Done(outcome));
    }

    [Fact]
    public void NonFiniteLoss_IsWrittenAsNull_SoTheLineStaysValidJson()
    {
        string line = JsonEvents.Epoch(new EpochResult(1, double.NaN, 0.1, 0.1, 0.5));
        using var doc = JsonDocument.Parse(line);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("train_loss").ValueKind);
    }
}
