using System.Globalization;

namespace CampaignSync.Operations;

/// <summary>
/// Which failed and dead rows an operator action takes; the parts that are given are combined with AND.
/// </summary>
/// <param name="Code">Rows whose outcome code is this one.</param>
/// <param name="OlderThan">Rows that ended (failed or died) longer ago than this.</param>
/// <param name="Ids">Rows with these outbox ids.</param>
/// <param name="Description">
/// Rows whose outcome description is exactly this one (a missing description counts as ""): the dashboard's failure
/// groups are a code and a description.
/// </param>
internal sealed record RowFilter(string? Code, TimeSpan? OlderThan, IReadOnlyList<long> Ids, string? Description = null)
{
    /// <summary>True when no part is given: an action would take every failure, which the verbs refuse.</summary>
    public bool IsEmpty => string.IsNullOrEmpty(Code) && OlderThan is null && Ids.Count == 0 && Description is null;

    /// <summary>
    /// The filter as recorded with the action and printed: <c>code=1001 older-than=1.00:00:00 ids=3</c>, with
    /// <c>description="…"</c> when a description is given.
    /// </summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (!string.IsNullOrEmpty(Code))
        {
            parts.Add($"code={Code}");
        }

        if (OlderThan is { } age)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"older-than={age:c}"));
        }

        if (Description is not null)
        {
            parts.Add($"description=\"{Description}\"");
        }

        if (Ids.Count > 0)
        {
            parts.Add($"ids={string.Join(',', Ids.Select(i => i.ToString(CultureInfo.InvariantCulture)))}");
        }

        return string.Join(' ', parts);
    }
}
