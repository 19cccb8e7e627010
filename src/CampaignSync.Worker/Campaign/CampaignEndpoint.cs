namespace CampaignSync.Campaign;

/// <summary>The API calls the worker makes; a code can mean different things per call (1020, 1010).</summary>
internal enum CampaignEndpoint
{
    /// <summary>Async Create/Update contact profile (batch submit). Not safe to repeat once accepted.</summary>
    Upsert,

    /// <summary>
    /// Create/Update one contact profile, sync (<c>Campaign:UpsertTransport</c> Single). Not repeated after a lost answer
    /// or a 5xx without a refusal code: it may still be applied, after a newer change of the contact.
    /// </summary>
    SingleUpsert,

    /// <summary>Bulk Create/Update, up to 100 profiles, answered at once (<c>Campaign:UpsertTransport</c> Bulk). Like <see cref="SingleUpsert"/>.</summary>
    BulkUpsert,

    /// <summary>Delete contact profile, one key. Like <see cref="SingleUpsert"/> (a second delete answers 1020, a success).</summary>
    Delete,

    /// <summary>Get profile query status. A read: safe to repeat.</summary>
    Status,

    /// <summary>Error-file download. A read: safe to repeat.</summary>
    ErrorFile,

    /// <summary>Get contact profile (sync, by key), to check what a request did. A read: safe to repeat.</summary>
    GetProfile,

    /// <summary>Get profile attributes (metadata: every profile with its attributes and their data types). A read: safe to repeat.</summary>
    Metadata,
}
