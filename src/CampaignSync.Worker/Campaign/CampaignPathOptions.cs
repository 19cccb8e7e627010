using System.ComponentModel.DataAnnotations;

namespace CampaignSync.Campaign;

/// <summary>
/// The API paths, relative to <see cref="CampaignOptions.BaseUrl"/>. Settings because the async wire
/// details are project decisions (docs/campaign-api.md) that a tenant's Postman collection may contradict.
/// </summary>
internal sealed class CampaignPathOptions
{
    /// <summary>Default <see cref="Upsert"/>.</summary>
    public const string DefaultUpsert = "/campaignapi/resources/v3/profile";

    /// <summary>Default <see cref="Delete"/>.</summary>
    public const string DefaultDelete = "/campaignapi/resources/v3/delete";

    /// <summary>Default <see cref="Status"/>.</summary>
    public const string DefaultStatus = "/campaignapi/resources/v3/profilequerystatus/{request-id}";

    /// <summary>Default <see cref="GetProfile"/>.</summary>
    public const string DefaultGetProfile = "/campaignapi/resources/v3/profile/get";

    /// <summary>Default <see cref="BulkUpsert"/>.</summary>
    public const string DefaultBulkUpsert = "/campaignapi/resources/v3/profiles/updateBulk";

    /// <summary>Default <see cref="Metadata"/>.</summary>
    public const string DefaultMetadata = "/campaignapi/metadata/v3/profile";

    /// <summary>The placeholder in <see cref="Status"/> that the request id replaces.</summary>
    public const string RequestIdPlaceholder = "{request-id}";

    /// <summary>
    /// Gets or sets the path of the async Create/Update contact profile call (POST).
    /// The default value is <c>/campaignapi/resources/v3/profile</c>.
    /// </summary>
    [Required(ErrorMessage = "Campaign:Paths:Upsert is required.")]
    public string Upsert { get; set; } = DefaultUpsert;

    /// <summary>
    /// Gets or sets the path of the Delete contact profile call (POST, one key per call).
    /// The default value is <c>/campaignapi/resources/v3/delete</c>.
    /// </summary>
    [Required(ErrorMessage = "Campaign:Paths:Delete is required.")]
    public string Delete { get; set; } = DefaultDelete;

    /// <summary>
    /// Gets or sets the path of the Get profile query status call (GET); <c>{request-id}</c> is replaced by the
    /// URL-escaped request id. The default value is <c>/campaignapi/resources/v3/profilequerystatus/{request-id}</c>.
    /// </summary>
    [Required(ErrorMessage = "Campaign:Paths:Status is required.")]
    public string Status { get; set; } = DefaultStatus;

    /// <summary>
    /// Gets or sets the path of the Get contact profile call (POST, sync, by key), used to check which records of a
    /// create-only or update-only request Campaign skipped. The default value is <c>/campaignapi/resources/v3/profile/get</c>.
    /// </summary>
    [Required(ErrorMessage = "Campaign:Paths:GetProfile is required.")]
    public string GetProfile { get; set; } = DefaultGetProfile;

    /// <summary>
    /// Gets or sets the path of the Get profile attributes call (GET, no profile id: every profile with its attributes
    /// and their data types), read to fail rows Campaign would refuse before they are sent, and by <c>check</c>.
    /// The default value is <c>/campaignapi/metadata/v3/profile</c>.
    /// </summary>
    [Required(ErrorMessage = "Campaign:Paths:Metadata is required.")]
    public string Metadata { get; set; } = DefaultMetadata;

    /// <summary>
    /// Gets or sets the path of the Bulk Create/Update contact profiles call (POST, up to 100 profiles, answered at once),
    /// used when <c>Campaign:UpsertTransport</c> is Bulk. The default value is <c>/campaignapi/resources/v3/profiles/updateBulk</c>.
    /// </summary>
    [Required(ErrorMessage = "Campaign:Paths:BulkUpsert is required.")]
    public string BulkUpsert { get; set; } = DefaultBulkUpsert;
}
