namespace CampaignSync.Simulator.State;

/// <summary>The <c>update-link</c> switch: "1", "2" (default) or "3".</summary>
internal enum UpdateLinkMode
{
    /// <summary>"1": ignore the linked profile and update this one.</summary>
    Ignore,

    /// <summary>"2": create an empty linked profile if it is missing, then update this one.</summary>
    CreateLinked,

    /// <summary>"3": fail the record if the linked profile does not exist.</summary>
    FailIfMissing,
}
