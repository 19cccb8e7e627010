namespace CampaignSync.Simulator.State;

/// <summary>What happened to one record.</summary>
internal enum RecordOutcomeKind
{
    /// <summary>Written: counts in <c>update-count</c>.</summary>
    Applied,

    /// <summary>Left alone by the upsert mode ("0" and it exists, "2" and it is missing): neither counted nor failed.</summary>
    Skipped,

    /// <summary>Failed with a code: an error-file line or an in-body code.</summary>
    Failed,
}
