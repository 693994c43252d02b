namespace Dendrite.Optim.Schedules;

/// <summary>Whether the monitored metric should go down (a loss) or up (an accuracy).</summary>
public enum PlateauMode
{
    Min,
    Max,
}
