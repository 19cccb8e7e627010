namespace CampaignSync.IntegrationTests.Crm;

internal sealed record CrmRunRow(string State, string? Failure, string? Detail, int? Upserts, int? Deletes, int? SyncedBefore);
