namespace CampaignSync.Campaign;

/// <summary>One async upsert request: records that share profile, modes, exparams and attribute names.</summary>
/// <param name="UpsertMode">0 create only if missing, 1 create or update, 2 update only if it exists.</param>
/// <param name="UpdateLink">1 ignore the linked profile, 2 create an empty linked profile, 3 fail if the link is missing.</param>
/// <param name="AttributeNames">Column order of every record's <see cref="UpsertRecord.Values"/>.</param>
internal sealed record UpsertBatch(
    string ProfileName,
    int UpsertMode,
    int UpdateLink,
    IReadOnlyList<string> Exparams,
    IReadOnlyList<string> AttributeNames,
    IReadOnlyList<UpsertRecord> Records);

/// <summary>One contact of an upsert batch; its 1-based position in the batch is its error-file index.</summary>
internal sealed record UpsertRecord(string Key, IReadOnlyList<string?> Values);

/// <summary>One delete call: the API has no batch delete.</summary>
internal sealed record ProfileDelete(string ProfileName, string Key, IReadOnlyList<string> Exparams);

/// <summary>The status of an async request: still processing, or done with its update count and error file.</summary>
internal sealed record QueryStatus(bool IsDone, long? UpdateCount, string? ErrorFile);

/// <summary>A profile as Get contact profile answered it: missing, or its attributes (name → value).</summary>
internal sealed record ProfileSnapshot(bool Exists, IReadOnlyDictionary<string, string> Attributes);

/// <summary>What the API answered, classified by the one code table (CampaignErrorCodes).</summary>
/// <param name="Value">The request id, transaction id or status when <see cref="Kind"/> is <see cref="CampaignOutcomeKind.Success"/>.</param>
/// <param name="Code">The API's code (HTTP status or in-body code) when it was not a plain success.</param>
internal sealed record CampaignReply<T>(CampaignOutcomeKind Kind, T? Value, string? Code, string? Description)
{
    public bool IsSuccess => Kind == CampaignOutcomeKind.Success;

    /// <summary>
    /// The server's <c>Retry-After</c> when it asked for a longer wait than the client waits inside one call;
    /// reschedule no earlier than this. <see langword="null"/> when the server gave none.
    /// </summary>
    public TimeSpan? RetryAfter { get; init; }
}

/// <summary>The one policy each response code maps to (the README's "Response codes → policy").</summary>
internal enum CampaignOutcomeKind
{
    /// <summary>Done (or, for a delete answered 1020, already gone).</summary>
    Success,

    /// <summary>429, 499, 500, 1010 and connection failures before sending: try again later with backoff.</summary>
    Retryable,

    /// <summary>
    /// No answer after the request was sent (timeout, connection reset): the server may have accepted it.
    /// Safe calls retry; a batch submit must not be resent until its deadline has passed.
    /// </summary>
    Ambiguous,

    /// <summary>498 on both keys: credentials are invalid or expired.</summary>
    RefreshAndRetry,

    /// <summary>430, 405: configuration or code fault; stop the pipeline and alert.</summary>
    StopAndAlert,

    /// <summary>102, 1001, 3005, 7031: the record (or the whole request) is invalid; retrying cannot help.</summary>
    PermanentFailure,
}
