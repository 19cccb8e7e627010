namespace CampaignSync.Operations;

/// <summary>What <c>check</c> looked at (<paramref name="Checked"/>, for the operator) and what it found wrong.</summary>
internal sealed record CheckReport(string Checked, IReadOnlyList<CheckFinding> Findings);
