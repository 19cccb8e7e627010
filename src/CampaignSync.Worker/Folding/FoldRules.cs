using CampaignSync.Campaign;

namespace CampaignSync.Folding;

/// <summary>What the fold must know about the tenant to fold rows the way Campaign would apply them one by one.</summary>
/// <param name="EmptyValues">Whether an empty or null value clears an attribute (<c>Campaign:EmptyValues</c>).</param>
/// <param name="LinkAttributes">
/// Attributes whose value is the key of a linked profile (<c>Campaign:LinkAttributes</c>): with update-link 2 or 3 each
/// value sent makes Campaign create or check that linked profile, so a fold never overwrites one with another.
/// </param>
internal sealed record FoldRules(EmptyValues EmptyValues, IReadOnlySet<string> LinkAttributes)
{
    public static FoldRules From(CampaignOptions options) =>
        new(options.EmptyValues, options.LinkAttributes.ToHashSet(StringComparer.Ordinal));
}
