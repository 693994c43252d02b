namespace Dendrite.Optim.Schedules;

/// <summary>Whether the monitored metric should go down (a loss) or up (an accuracy).</summary>
public enum PlateauMode
{
    /// <summary>Lower is better (a loss): best starts at +∞.</summary>
    Min,
    /// <summary>Higher is better (an accuracy): best starts at −∞.</summary>
    Max,
}
