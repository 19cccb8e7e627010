using System.ComponentModel.DataAnnotations;
using CampaignSync.Campaign;
using Cronos;
using PhoneNumbers;

namespace CampaignSync.Crm;

/// <summary>
/// Settings of the nightly CRM-to-Campaign sync, section <c>Crm</c> (issue 9). Validated at start-up through
/// <c>AddValidatedOptions</c>: every message names its key (<c>Crm:Attributes:phone:Field: …</c>) and never a value.
/// The connection and the mapping are required only when <see cref="Enabled"/> is true; <c>crm-sync</c> checks them
/// itself through <see cref="MissingForRun"/>.
/// </summary>
internal sealed class CrmOptions : IValidatableObject
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Crm";

    /// <summary>The version header value every stored source shows (docs/wethod-crm-api.md).</summary>
    public const string DefaultApiVersion = "2024-06-15";

    /// <summary>The largest page the list endpoints serve (docs/wethod-crm-api.md).</summary>
    public const int MaxPageSize = 100;

    /// <summary>
    /// Gets or sets whether the recurring Hangfire job runs the sync on <see cref="Cron"/>. Off, the job is removed
    /// from Hangfire and <c>crm-sync</c> still runs on demand. The default value is <see langword="false"/>.
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// Gets or sets when the recurring job runs: a cron expression of five fields (or six, with seconds first) as
    /// Hangfire reads it. The default value is <c>0 2 * * *</c> (02:00 every day).
    /// </summary>
    [Required]
    public string Cron { get; set; } = "0 2 * * *";

    /// <summary>
    /// Gets or sets the time zone <see cref="Cron"/> is read in: an IANA id such as <c>Europe/Rome</c>.
    /// The default value is <c>UTC</c>.
    /// </summary>
    [Required]
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Gets or sets the Wethod API's base URL. The default value is <c>https://api.wethod.com</c>.</summary>
    [Required]
    [AbsoluteHttpUrl(ErrorMessage = "must be an absolute http or https URL.")]
    public string BaseUrl { get; set; } = "https://api.wethod.com";

    /// <summary>
    /// Gets or sets the personal access token, sent as <c>Authorization: Bearer …</c>. A secret: never logged. Issue it
    /// from a user whose role has only <c>crm.view</c>. The default value is <see langword="null"/>.
    /// </summary>
    public string? Token { get; set; }

    /// <summary>
    /// Gets or sets the company slug sent as <c>Wethod-Company</c> (the subdomain of the web app, <c>acme</c> for
    /// <c>acme.wethod.com</c>). The default value is <see langword="null"/>.
    /// </summary>
    public string? Company { get; set; }

    /// <summary>Gets or sets the pinned <c>Wethod-Version</c> header. The default value is <c>2024-06-15</c>.</summary>
    [Required]
    public string ApiVersion { get; set; } = DefaultApiVersion;

    /// <summary>Gets or sets the rows asked for per page (<c>limit</c>). The default value is 100, the API's maximum.</summary>
    [Range(1, MaxPageSize)]
    public int PageSize { get; set; } = MaxPageSize;

    /// <summary>Gets or sets the read paths. The default value is the documented paths.</summary>
    [Required]
    public CrmPathOptions Paths { get; set; } = new();

    /// <summary>Gets or sets the Campaign profile the contacts are synced into. The default value is <c>contacts</c>.</summary>
    [Required]
    public string ProfileName { get; set; } = "contacts";

    /// <summary>
    /// Gets or sets the CRM field that becomes the profile key. A contact whose key is missing or invalid after
    /// normalisation is skipped (counted, never sent). The default value is <c>email</c>, normalised as e-mail.
    /// </summary>
    [Required]
    public CrmFieldMapping Key { get; set; } = new() { Field = "email", Normalize = ValueNormalization.Email };

    /// <summary>
    /// Gets or sets the profile attributes, by Campaign attribute name, each with its CRM field and normalisation,
    /// e.g. <c>Crm:Attributes:phone:Field = telephone</c>, <c>Crm:Attributes:phone:Normalize = E164</c>. Every
    /// attribute is sent on every upsert; an empty CRM value is sent as an empty string so it clears the attribute.
    /// The default value is empty (required when <see cref="Enabled"/>).
    /// </summary>
    public Dictionary<string, CrmFieldMapping> Attributes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Gets or sets the region (ISO 3166 alpha-2, e.g. <c>IT</c>) assumed for phone numbers written without an
    /// international prefix. The default value is <see langword="null"/>: such numbers count as invalid.
    /// </summary>
    public string? DefaultPhoneRegion { get; set; }

    /// <summary>
    /// Gets or sets the delete brake: a run that would delete more than this share (0 to 1) of the contacts synced so
    /// far writes nothing, is marked failed with the numbers, and waits for <c>crm-sync --confirm-deletes RUN</c>.
    /// The default value is 0.05 (5%).
    /// </summary>
    [Range(0.0, 1.0)]
    public double DeleteBrakeShare { get; set; } = 0.05;

    /// <summary>Gets or sets how many times a read is retried after a 429, a 5xx or a transport failure. The default value is 5.</summary>
    [Range(0, 20)]
    public int MaxRetries { get; set; } = 5;

    /// <summary>
    /// Gets or sets the base of the exponential backoff (with jitter) when the answer carries no
    /// <c>x-ratelimit-retry-after</c> or <c>Retry-After</c>. The default value is 1 second.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the timeout of one HTTP attempt. The default value is 30 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets the timeout of one read (one page, one contact) including its retries and the waits the server
    /// asks for. The default value is 15 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "02:00:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The keys a run needs that are not set, e.g. <c>Crm:Token</c>.</summary>
    public IReadOnlyList<string> MissingForRun()
    {
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(Token))
        {
            missing.Add(SectionName + ":" + nameof(Token));
        }

        if (string.IsNullOrWhiteSpace(Company))
        {
            missing.Add(SectionName + ":" + nameof(Company));
        }

        if (Attributes.Count == 0)
        {
            missing.Add(SectionName + ":" + nameof(Attributes));
        }

        return missing;
    }

    /// <summary>Cross-field and nested rules; <c>SectionValidator</c> prefixes each member name with <c>Crm:</c>.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Enabled)
        {
            foreach (var key in MissingForRun())
            {
                yield return new ValidationResult("is required when Crm:Enabled is true.", [key[(SectionName.Length + 1)..]]);
            }
        }

        if (!IsValidCron(Cron))
        {
            yield return new ValidationResult("is not a valid cron expression (five fields, or six with seconds first).", [nameof(Cron)]);
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return new ValidationResult("is not a time zone this machine knows (use an IANA id such as Europe/Rome).", [nameof(TimeZone)]);
        }

        if (!Paths.Contact.Contains(CrmPathOptions.IdPlaceholder, StringComparison.Ordinal))
        {
            yield return new ValidationResult("must contain the placeholder {id}.", ["Paths:Contact"]);
        }

        foreach (var result in ValidateMapping(nameof(Key), Key))
        {
            yield return result;
        }

        foreach (var (attribute, mapping) in Attributes)
        {
            if (string.IsNullOrWhiteSpace(attribute))
            {
                yield return new ValidationResult("has an attribute with a blank name.", [nameof(Attributes)]);
            }

            foreach (var result in ValidateMapping($"{nameof(Attributes)}:{attribute}", mapping))
            {
                yield return result;
            }
        }

        if (DefaultPhoneRegion is { } region && !PhoneNumberUtil.GetInstance().GetSupportedRegions().Contains(region))
        {
            yield return new ValidationResult("is not a region code libphonenumber knows (ISO 3166 alpha-2, upper case).", [nameof(DefaultPhoneRegion)]);
        }

        if (AttemptTimeout > TotalTimeout)
        {
            yield return new ValidationResult("must not be longer than Crm:TotalTimeout.", [nameof(AttemptTimeout)]);
        }
    }

    private static IEnumerable<ValidationResult> ValidateMapping(string path, CrmFieldMapping? mapping)
    {
        if (mapping is null || string.IsNullOrWhiteSpace(mapping.Field))
        {
            yield return new ValidationResult("is required.", [path + ":Field"]);
            yield break;
        }

        if (!ContactFields.IsKnown(mapping.Field))
        {
            yield return new ValidationResult(
                $"names an unknown CRM field; known fields: {string.Join(", ", ContactFields.Names)}.", [path + ":Field"]);
        }

        if (!Enum.IsDefined(mapping.Normalize))
        {
            yield return new ValidationResult($"must be one of {string.Join(", ", Enum.GetNames<ValueNormalization>())}.", [path + ":Normalize"]);
        }
    }

    private static bool IsValidCron(string? cron)
    {
        if (string.IsNullOrWhiteSpace(cron))
        {
            return false;
        }

        var format = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard;
        return CronExpression.TryParse(cron, format, out _);
    }
}
