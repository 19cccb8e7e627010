namespace CampaignSync.IntegrationTests.Crm;

internal sealed record CrmOutboxRow(long Id, string ProfileName, string ProfileKey, string Operation, string AttributesJson, string Source);
