using System.Globalization;

namespace CampaignSync.Hosting.Operations;

/// <summary>
/// Which failed and dead rows an operator action takes; the parts that are given are combined with AND.
/// </summary>
/// <param name="Code">Rows whose outcome code is this one.</param>
/// <param name="OlderThan">Rows that ended (failed or died) longer ago than this.</param>
/// <param name="Ids">Rows with these outbox ids.</param>
internal sealed record RowFilter(string? Code, TimeSpan? OlderThan, IReadOnlyList<long> Ids)
{
    /// <summary>True when no part is given: an action would take every failure, which the verbs refuse.</summary>
    public bool IsEmpty => string.IsNullOrEmpty(Code) && OlderThan is null && Ids.Count == 0;

    /// <summary>The filter as recorded with the action and printed: <c>code=1001 older-than=1.00:00:00 ids=3</c>.</summary>
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

        if (Ids.Count > 0)
        {
            parts.Add($"ids={string.Join(',', Ids.Select(i => i.ToString(CultureInfo.InvariantCulture)))}");
        }

        return string.Join(' ', parts);
    }
}
