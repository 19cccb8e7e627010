using Microsoft.Extensions.Options;

namespace CampaignSync.Campaign;

/// <summary>
/// Source-generated validator of <see cref="CampaignOptions"/>: the DataAnnotations, the nested paths and the
/// cross-field rules of <see cref="CampaignOptions.Validate"/>, all reported together at start.
/// </summary>
[OptionsValidator]
internal sealed partial class CampaignOptionsValidator : IValidateOptions<CampaignOptions>;
