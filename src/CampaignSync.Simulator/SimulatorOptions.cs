namespace CampaignSync.Simulator;

/// <summary>
/// The behaviour of the simulated Webex Campaign tenant. Bound from the configuration section <see cref="SectionName"/>
/// when standalone (e.g. <c>Simulator__ApiKey</c>). The instance is live: the simulator reads it on every request, so
/// tests may change faults at runtime. Replace a list rather than mutating it while requests are in flight.
/// </summary>
public sealed class SimulatorOptions
{
    /// <summary>The configuration section the standalone simulator binds.</summary>
    public const string SectionName = "Simulator";

    /// <summary>The default primary API key.</summary>
    public const string DefaultApiKey = "dev-key";

    /// <summary>The default value of <see cref="MaxValueLength"/>.</summary>
    public const int DefaultMaxValueLength = 4000;

    /// <summary>The default value of <see cref="ProcessingDelay"/>.</summary>
    public static readonly TimeSpan DefaultProcessingDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>Gets or sets the API key accepted as <c>authorization: Bearer …</c>. The default value is <c>dev-key</c>.</summary>
    public string ApiKey { get; set; } = DefaultApiKey;

    /// <summary>Gets or sets a second accepted key (key 2, for rotation). The default value is <see langword="null"/>.</summary>
    public string? SecondaryApiKey { get; set; }

    /// <summary>Gets or sets keys answered with 401 and code 498 (expired). The default value is empty.</summary>
    public List<string> ExpiredKeys { get; set; } = [];

    /// <summary>Gets or sets how long after acceptance an async request is processed. The default value is 500 ms.</summary>
    public TimeSpan ProcessingDelay { get; set; } = DefaultProcessingDelay;

    /// <summary>
    /// Gets or sets the token-bucket rate for real-API calls; beyond it the answer is 429 with <c>Retry-After</c>
    /// in whole seconds (at least 1). The default value is 0 (unlimited).
    /// </summary>
    public double RequestsPerSecond { get; set; }

    /// <summary>
    /// Gets or sets whether every real-API call is answered 429 with <c>Retry-After: 1</c>, whatever the bucket holds
    /// (an outage of the rate limiter, for as long as a test keeps it on). The default value is <see langword="false"/>.
    /// </summary>
    public bool ThrottleEverything { get; set; }

    /// <summary>Gets or sets the bucket size. The default value is 0, meaning max(1, <see cref="RequestsPerSecond"/>).</summary>
    public int Burst { get; set; }

    /// <summary>
    /// Gets or sets the fraction (0 to 1) of real-API calls answered 500 with code 500 without applying anything.
    /// The default value is 0.
    /// </summary>
    public double ServerErrorRate { get; set; }

    /// <summary>Gets or sets a delay added before answering each real-API call. The default value is zero.</summary>
    public TimeSpan AddedLatency { get; set; }

    /// <summary>
    /// Gets or sets how long a write answered at once (a delete, a bulk or a single upsert) takes inside the service,
    /// after its checks and before it is applied and answered; its keys count as in flight meanwhile (see
    /// <c>overlapping_key_requests</c>), and it is applied even when the client stops waiting, as a real service may.
    /// The default value is zero.
    /// </summary>
    public TimeSpan WriteCallDuration { get; set; }

    /// <summary>Gets or sets rules that make records fail by key. The default value is empty.</summary>
    public List<KeyFailureRule> KeyFailureRules { get; set; } = [];

    /// <summary>Gets or sets rules that make records fail by an attribute's value. The default value is empty.</summary>
    public List<ValueFailureRule> ValueFailureRules { get; set; } = [];

    /// <summary>
    /// Gets or sets whether an empty value clears the attribute or leaves it alone (the public pages do not say).
    /// The default value is <see cref="Simulator.EmptyValues.Clear"/>.
    /// </summary>
    public EmptyValues EmptyValues { get; set; }

    /// <summary>
    /// Gets or sets a code every status call answers with (HTTP 200, e.g. "3005"), a failure of the request itself;
    /// <see langword="null"/> for none. Requests are still applied. The default value is <see langword="null"/>.
    /// </summary>
    public string? StatusFailureCode { get; set; }

    /// <summary>Gets or sets how error files are damaged. The default value is <see cref="ErrorFileFault.None"/>.</summary>
    public ErrorFileFault ErrorFileFault { get; set; }

    /// <summary>
    /// Gets or sets whether the status API answers 1010 (not processed) forever. Requests are still applied.
    /// The default value is <see langword="false"/>.
    /// </summary>
    public bool NeverComplete { get; set; }

    /// <summary>
    /// Gets or sets the longest value (key or attribute) accepted. A longer value, or one containing NUL, makes the whole
    /// request fail with 200/1001 and no request id. The default value is 4000.
    /// </summary>
    public int MaxValueLength { get; set; } = DefaultMaxValueLength;

    /// <summary>
    /// Gets or sets the profiles of the tenant. When two have the same name, the last one wins (configuration binding
    /// appends to this list). The default value is <c>contacts</c> (linked to <c>companies</c> via <c>company-id</c>)
    /// and <c>companies</c>.
    /// </summary>
    public List<SimulatedProfile> Profiles { get; set; } = SimulatedProfile.CreateDefaults();
}
