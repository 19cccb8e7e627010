namespace CampaignSync.Crm;

/// <summary>A run as <c>--confirm-deletes</c> needs to see it.</summary>
internal sealed record CrmRunRecord(long Id, string State, string? Failure, int? Deletes);
