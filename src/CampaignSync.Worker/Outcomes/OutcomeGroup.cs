namespace CampaignSync.Outcomes;

/// <summary>
/// The rows of a batch that got one (outcome, code), as <see cref="OutcomeSql.WriteBack"/> answers it: how many, and
/// for final outcomes each row's age from its creation in seconds (empty for retries).
/// </summary>
/// <remarks>A class with properties: Dapper reads <c>float8[]</c> into a property, not into a constructor parameter.</remarks>
internal sealed class OutcomeGroup
{
    public required string Outcome { get; init; }

    public string? Code { get; init; }

    public required long Count { get; init; }

    public required double[] FinalAges { get; init; }
}
