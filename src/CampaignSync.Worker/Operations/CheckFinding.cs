namespace CampaignSync.Operations;

/// <summary>
/// One thing <c>check</c> found wrong: which check (<c>key</c>, <c>path</c>, or a row outcome code such as
/// <c>unknown_attribute</c>), what it concerns (a setting, a profile, profile.attribute) and the problem.
/// </summary>
internal sealed record CheckFinding(string Check, string Subject, string Problem);
