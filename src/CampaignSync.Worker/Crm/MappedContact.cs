namespace CampaignSync.Crm;

/// <summary>
/// A CRM contact as the profile it becomes: its key, its attributes as a JSON object (every mapped attribute, sorted
/// by name), and the hash of both that the snapshot keeps. <paramref name="InvalidValues"/> counts values dropped
/// because normalisation rejected them (sent as empty strings).
/// </summary>
internal sealed record MappedContact(long ContactId, string ProfileKey, string AttributesJson, string Hash, int InvalidValues);
