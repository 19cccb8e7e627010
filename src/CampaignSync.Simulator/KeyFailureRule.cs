namespace CampaignSync.Simulator;

/// <summary>
/// Makes every record whose key matches <paramref name="KeyPattern"/> fail with <paramref name="Code"/> and
/// <paramref name="Description"/>: as an error-file line in async upserts, as the in-body code of a sync call or delete.
/// </summary>
/// <param name="KeyPattern">A .NET regular expression, matched anywhere in the key (anchor it with ^…$ for whole keys).</param>
/// <param name="Code">The code to report, e.g. "1001".</param>
/// <param name="Description">The description to report; may contain quotes and commas.</param>
public sealed record KeyFailureRule(string KeyPattern, string Code, string Description);
