namespace CampaignSync.Campaign;

/// <summary>How upserts reach Campaign (<c>Campaign:UpsertTransport</c>); the fold, the outcomes and the dashboard are the same.</summary>
internal enum UpsertTransport
{
    /// <summary>One async request per batch (records as CSV in <c>file</c>), followed by status polls and the error file. The default.</summary>
    AsyncFile,

    /// <summary>The documented bulk call, up to 100 records a call, outcomes from its answer: no poll.</summary>
    Bulk,

    /// <summary>The documented single Create/Update call, one record a call, run concurrently under the rate limit: no poll.</summary>
    Single,
}
