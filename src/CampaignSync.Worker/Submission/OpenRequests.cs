namespace CampaignSync.Submission;

/// <summary>Requests still open (submitting, submitted or polling) across all replicas, and those of the bulk lane.</summary>
internal sealed record OpenRequests(long Open, long Bulk);
