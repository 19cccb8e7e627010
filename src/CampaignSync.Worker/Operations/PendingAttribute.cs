namespace CampaignSync.Operations;

/// <summary>One attribute value of a pending outbox row (<see cref="Attribute"/> is null for a row without any, a delete).</summary>
internal sealed record PendingAttribute(long Id, string ProfileName, string? Attribute, string? Value);
