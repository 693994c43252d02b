using System.Text.Json;
using Dendrite.Cli.Output;
using Dendrite.Data;
using Dendrite.Nn;
using Dendrite.Training;

namespace Dendrite.Cli.Tests;

/// <summary>The stable JSON lines of train (<see cref="RunView"/>): key order, rounding, and null for non-finite values.</summary>
public class JsonEventsTests
{
    private static readonly RunView Images = new(TaskKind.Classification, Table: false);

    private static Evaluation Acc(double accuracy) => new(TaskKind.Classification, 30, 0.5, Accuracy: accuracy);

    private static Evaluation Reg(double rmse) => new(TaskKind.Regression, 30, 0.25, Rmse: rmse, Mae: 0.1234567, RSquared: 0.98765432, LogRmse: double.NaN);

    [Fact]
    public void EpochEvent_HasFixedKeyOrder_AndRoundedValues()
    {
        string line = Images.JsonEpoch(new EpochResult(3, 0.812344, 0.701249, 1.23456, Acc(0.76543)));
        Assert.Equal("{\"event\":\"epoch\",\"epoch\":3,\"train_loss\":0.81234,\"train_acc\":0.7012,\"test_acc\":0.7654,\"seconds\":1.235}", line);
    }

    [Fact]
    public void EpochEvent_WithAValidationSplit_AddsValAccLast()
    {
        string line = Images.JsonEpoch(new EpochResult(1, 0.5, 0.5, 1, Acc(0.5), Acc(0.66666)));
        Assert.Equal("{\"event\":\"epoch\",\"epoch\":1,\"train_loss\":0.5,\"train_acc\":0.5,\"test_acc\":0.5,\"seconds\":1,\"val_acc\":0.6667}", line);
    }

    [Fact]
    public void DoneEvent_HasFixedKeyOrder()
    {
        var outcome = new TrainingOutcome(new Sequential(), [new EpochResult(1, 1, 0.5, 1, Acc(0.84213)), new EpochResult(2, 1, 0.5, 1, Acc(0.8421))], 12.3);
        Assert.Equal("{\"event\":\"done\",\"test_acc\":0.8421,\"epochs\":2,\"seconds\":12.3}", Images.JsonDone(outcome));
    }

    [Fact]
    public void DoneEvent_AfterEarlyStopping_ReportsTheRestoredEpochsTestAccuracy()
    {
        var outcome = new TrainingOutcome(new Sequential(), [new EpochResult(1, 1, 0.5, 1, Acc(0.9)), new EpochResult(2, 1, 0.5, 1, Acc(0.8))], 2, RestoredEpoch: 1);
        Assert.Equal("{\"event\":\"done\",\"test_acc\":0.9,\"epochs\":2,\"seconds\":2,\"restored_epoch\":1}", Images.JsonDone(outcome));
    }

    [Fact]
    public void NonFiniteLoss_IsWrittenAsNull_SoTheLineStaysValidJson()
    {
        string line = Images.JsonEpoch(new EpochResult(1, double.NaN, 0.1, 0.5, Acc(0.1)));
        using var doc = JsonDocument.Parse(line);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("train_loss").ValueKind);
    }

    [Fact]
    public void TableRegression_KeepsTheTabularKeys_WithSixSignificantDigits()
    {
        var view = new RunView(TaskKind.Regression, Table: true, SkippedRows: 2);
        string line = view.JsonEpoch(new EpochResult(4, 1234.56789, double.NaN, 0.0123456, Reg(12345.6789)));
        Assert.Equal("{\"event\":\"epoch\",\"epoch\":4,\"train_loss\":1234.57,\"test_rmse\":12345.7,\"test_mae\":0.123457,\"test_r2\":0.987654," +
            "\"test_log_rmse\":null,\"seconds\":0.0123}", line);
        string withVal = view.JsonEpoch(new EpochResult(4, 1, double.NaN, 1, Reg(1), Reg(2)));
        Assert.EndsWith(",\"seconds\":1,\"val_rmse\":2,\"val_mae\":0.123457,\"val_r2\":0.987654,\"val_log_rmse\":null}", withVal);
        var outcome = new TrainingOutcome(new Sequential(), [new EpochResult(1, 1, double.NaN, 1, Reg(3))], 5);
        Assert.Equal("{\"event\":\"done\",\"test_rmse\":3,\"test_mae\":0.123457,\"test_r2\":0.987654,\"test_log_rmse\":null,\"epochs\":1,\"seconds\":5,\"skipped_rows\":2}",
            view.JsonDone(outcome));
    }

    [Fact]
    public void TableClassification_HasTheImageKeys_AndSkippedRows()
    {
        var view = new RunView(TaskKind.Classification, Table: true);
        string line = view.JsonEpoch(new EpochResult(1, 0.6931472, 0.55556, 0.5, Acc(0.61234)));
        Assert.Equal("{\"event\":\"epoch\",\"epoch\":1,\"train_loss\":0.693147,\"train_acc\":0.5556,\"test_acc\":0.6123,\"seconds\":0.5}", line);
        var outcome = new TrainingOutcome(new Sequential(), [new EpochResult(1, 1, 0.5, 1, Acc(0.75))], 1);
        Assert.Equal("{\"event\":\"done\",\"test_acc\":0.75,\"epochs\":1,\"seconds\":1,\"skipped_rows\":0}", view.JsonDone(outcome));
    }
}
