namespace CampaignSync.Simulator.State;

/// <summary>The <c>upsert</c> switch: "0", "1" (default) or "2".</summary>
internal enum UpsertMode
{
    /// <summary>"0": create only if missing; an existing record is left unchanged.</summary>
    CreateOnly,

    /// <summary>"1": create or update; given attributes overwrite, the others are kept.</summary>
    CreateOrUpdate,

    /// <summary>"2": update only if it exists; a missing record is not created.</summary>
    UpdateOnly,
}
