namespace CampaignSync.Crm;

/// <summary>Why a CRM contact becomes an outbox row.</summary>
internal enum ChangeReason
{
    /// <summary>Not in the snapshot: an upsert.</summary>
    New,

    /// <summary>In the snapshot with another hash: an upsert.</summary>
    Changed,

    /// <summary>In the snapshot, missing from the scan, and answered 404 when asked for: a delete.</summary>
    Gone,

    /// <summary>Its key changed and no other contact holds the old one: a delete of the old profile.</summary>
    Rekeyed,

    /// <summary>Unchanged since the snapshot, sent again by a full resync (<c>crm-sync --full</c>): an upsert.</summary>
    Resync,
}
