namespace CampaignSync.Campaign;

/// <summary>
/// An error file that is not read, or not read to its end, by rule: its URL or a redirect is refused
/// (<see cref="ErrorFileUrlRule"/>), or it broke a limit (bytes, lines, idle or total time). Not transient: fetching it
/// again would break the same rule, so the poll job ends the batch with the reason instead of retrying. The message
/// names the rule and never a URL's path or query.
/// </summary>
internal sealed class ErrorFileRejectedException(string reason) : Exception(reason);
