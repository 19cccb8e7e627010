namespace CampaignSync.Simulator;

/// <summary>What the simulated tenant does with an empty value (an empty CSV cell, an empty or null <c>val</c>).</summary>
public enum EmptyValues
{
    /// <summary>The attribute is cleared: it is stored empty.</summary>
    Clear,

    /// <summary>The attribute is left as it was.</summary>
    Ignore,
}
