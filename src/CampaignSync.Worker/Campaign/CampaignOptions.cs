using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace CampaignSync.Campaign;

/// <summary>
/// Settings of the Webex Campaign client, section <c>Campaign</c>. Validated at start
/// (<see cref="CampaignOptionsValidator"/>); messages name the key and never echo a secret.
/// </summary>
internal sealed class CampaignOptions : IValidatableObject
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Campaign";

    /// <summary>
    /// Gets or sets the tenant's base URL, e.g. <c>https://tenant.example.com</c>. Never hard-coded.
    /// The default value is <see langword="null"/>: it is required.
    /// </summary>
    [Required(ErrorMessage = "Campaign:BaseUrl is required.")]
    [AbsoluteHttpUrl(ErrorMessage = "Campaign:BaseUrl must be an absolute http or https URL.")]
    public string? BaseUrl { get; set; }

    /// <summary>
    /// Gets or sets the API secret key (key 1), sent as <c>authorization: Bearer …</c>. A secret: never logged.
    /// The default value is <see langword="null"/>: it is required.
    /// </summary>
    [Required(ErrorMessage = "Campaign:ApiKey is required.")]
    public string? ApiKey { get; set; }

    /// <summary>
    /// Gets or sets the second API secret key, used once when the active key is answered 498, so keys can be
    /// rotated without downtime. The default value is <see langword="null"/>: no second key.
    /// </summary>
    public string? SecondaryApiKey { get; set; }

    /// <summary>
    /// Gets or sets the tenant's limit in requests per second, shared by every replica through Postgres (one budget
    /// per <see cref="BaseUrl"/>: three replicas at 20 send 20 calls a second together, not 60); a <c>Retry-After</c>
    /// answered to one replica holds them all. 0 means no limit. The default value is 0.
    /// </summary>
    [Range(0, 100_000, ErrorMessage = "Campaign:RequestsPerSecond must be between {1} and {2}.")]
    public int RequestsPerSecond { get; set; } = CampaignDefaults.RequestsPerSecond;

    /// <summary>
    /// Gets or sets the timeout of one HTTP attempt. The default value is 30 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00", ErrorMessage = "Campaign:AttemptTimeout must be between {1} and {2}.")]
    public TimeSpan AttemptTimeout { get; set; } = CampaignDefaults.AttemptTimeout;

    /// <summary>
    /// Gets or sets the timeout of one call including all its retries and waits. The default value is 2 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00", ErrorMessage = "Campaign:TotalTimeout must be between {1} and {2}.")]
    public TimeSpan TotalTimeout { get; set; } = CampaignDefaults.TotalTimeout;

    /// <summary>
    /// Gets or sets how many times a call is retried after its first attempt. The default value is 5.
    /// </summary>
    [Range(0, 20, ErrorMessage = "Campaign:MaxRetries must be between {1} and {2}.")]
    public int MaxRetries { get; set; } = CampaignDefaults.MaxRetries;

    /// <summary>
    /// Gets or sets the base of the exponential backoff (with jitter) between attempts when the answer has no
    /// <c>Retry-After</c>. The default value is 1 second.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00", ErrorMessage = "Campaign:RetryBaseDelay must be between {1} and {2}.")]
    public TimeSpan RetryBaseDelay { get; set; } = CampaignDefaults.RetryBaseDelay;

    /// <summary>Gets or sets the API paths. The default value is the documented v3 paths.</summary>
    [Required(ErrorMessage = "Campaign:Paths is required.")]
    [ValidateObjectMembers]
    public CampaignPathOptions Paths { get; set; } = new();

    /// <summary>
    /// Gets or sets the origins (<c>https://host[:port]</c>, no path) besides <see cref="BaseUrl"/> that may serve error
    /// files, such as a storage host Campaign links to. They never receive the key. The default value is empty: error
    /// files are read only under <see cref="BaseUrl"/> (its origin and its path).
    /// </summary>
    public List<string> ErrorFileOrigins { get; set; } = [];

    /// <summary>
    /// Gets or sets the most bytes of one error file read, counted after decompression; a larger file is not trusted
    /// (its records are sent again) and the batch records why. The default value is 64 MiB.
    /// </summary>
    [Range(1024L, 4L * 1024 * 1024 * 1024, ErrorMessage = "Campaign:ErrorFileMaxBytes must be between {1} and {2}.")]
    public long ErrorFileMaxBytes { get; set; } = CampaignDefaults.ErrorFileMaxBytes;

    /// <summary>Gets or sets the most physical lines of one error file read, like <see cref="ErrorFileMaxBytes"/>. The default value is 200,000.</summary>
    [Range(1, 100_000_000, ErrorMessage = "Campaign:ErrorFileMaxLines must be between {1} and {2}.")]
    public int ErrorFileMaxLines { get; set; } = CampaignDefaults.ErrorFileMaxLines;

    /// <summary>Gets or sets how long an error-file download may send nothing before it is given up. The default value is 30 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00", ErrorMessage = "Campaign:ErrorFileReadTimeout must be between {1} and {2}.")]
    public TimeSpan ErrorFileReadTimeout { get; set; } = CampaignDefaults.ErrorFileReadTimeout;

    /// <summary>Gets or sets how long one error-file download may take from request to last byte. The default value is 5 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00", ErrorMessage = "Campaign:ErrorFileTimeout must be between {1} and {2}.")]
    public TimeSpan ErrorFileTimeout { get; set; } = CampaignDefaults.ErrorFileTimeout;

    /// <summary>
    /// Gets or sets the index of the first record in the error file's <c>Index</c> column (the header is not
    /// counted). The default value is 1.
    /// </summary>
    [Range(0, 1, ErrorMessage = "Campaign:ErrorFileIndexBase must be 0 or 1.")]
    public int ErrorFileIndexBase { get; set; } = CampaignDefaults.ErrorFileIndexBase;

    /// <summary>
    /// Gets or sets what the tenant does with an empty cell of the async file (and so what an empty or null value of
    /// an outbox row means): <see cref="Campaign.EmptyValues.Clear"/> clears the attribute,
    /// <see cref="Campaign.EmptyValues.Ignore"/> leaves it alone. The default value is <see cref="Campaign.EmptyValues.Clear"/>.
    /// </summary>
    [EnumDataType(typeof(EmptyValues), ErrorMessage = "Campaign:EmptyValues must be Clear or Ignore.")]
    public EmptyValues EmptyValues { get; set; } = EmptyValues.Clear;

    /// <summary>
    /// Gets or sets how upserts reach Campaign: <see cref="Campaign.UpsertTransport.AsyncFile"/> (one async request a
    /// batch, polled), <see cref="Campaign.UpsertTransport.Bulk"/> (the bulk call, 100 records a call) or
    /// <see cref="Campaign.UpsertTransport.Single"/> (one call a record). The default value is <see cref="Campaign.UpsertTransport.AsyncFile"/>.
    /// </summary>
    [EnumDataType(typeof(UpsertTransport), ErrorMessage = "Campaign:UpsertTransport must be AsyncFile, Bulk or Single.")]
    public UpsertTransport UpsertTransport { get; set; } = UpsertTransport.AsyncFile;

    /// <summary>
    /// Gets or sets how long the profile metadata (each profile's attributes and data types) is used before it is read
    /// again; rows whose attributes it lacks or whose values do not fit fail before they are sent. The default value
    /// is 10 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Campaign:MetadataRefreshInterval must be between {1} and {2}.")]
    public TimeSpan MetadataRefreshInterval { get; set; } = CampaignDefaults.MetadataRefreshInterval;

    /// <summary>Cross-field rules; the messages name keys only, never values.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AttemptTimeout > TotalTimeout)
        {
            yield return new ValidationResult(
                "Campaign:AttemptTimeout must not be longer than Campaign:TotalTimeout.",
                [nameof(AttemptTimeout), nameof(TotalTimeout)]);
        }

        if (!string.IsNullOrEmpty(SecondaryApiKey) && string.Equals(SecondaryApiKey, ApiKey, StringComparison.Ordinal))
        {
            yield return new ValidationResult(
                "Campaign:SecondaryApiKey must differ from Campaign:ApiKey (or be left empty).",
                [nameof(SecondaryApiKey)]);
        }

        if (ErrorFileReadTimeout > ErrorFileTimeout)
        {
            yield return new ValidationResult(
                "Campaign:ErrorFileReadTimeout must not be longer than Campaign:ErrorFileTimeout.",
                [nameof(ErrorFileReadTimeout), nameof(ErrorFileTimeout)]);
        }

        var httpAllowed = Uri.TryCreate(BaseUrl, UriKind.Absolute, out var baseUri) && baseUri.Scheme == Uri.UriSchemeHttp;
        for (var i = 0; i < (ErrorFileOrigins?.Count ?? 0); i++)
        {
            if (ErrorFileUrlRule.ParseOrigin(ErrorFileOrigins![i], httpAllowed) is null)
            {
                yield return new ValidationResult(
                    $"Campaign:ErrorFileOrigins:{i} must be an origin such as https://files.example.com (https unless Campaign:BaseUrl is http; no path, query or user).",
                    [nameof(ErrorFileOrigins)]);
            }
        }

        if (Paths?.Status is { } status && !status.Contains(CampaignPathOptions.RequestIdPlaceholder, StringComparison.Ordinal))
        {
            yield return new ValidationResult(
                "Campaign:Paths:Status must contain the placeholder {request-id}.",
                [nameof(Paths)]);
        }
    }
}
