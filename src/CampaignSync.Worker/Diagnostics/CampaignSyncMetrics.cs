using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using CampaignSync.Campaign;
using CampaignSync.Pipeline;

namespace CampaignSync.Diagnostics;

/// <summary>
/// The worker's one <c>Meter("CampaignSync")</c>. Instrument names are dotted with units in UCUM annotation form,
/// following the OpenTelemetry semantic-convention style (https://opentelemetry.io/docs/specs/semconv/general/metrics/);
/// the Prometheus exporter turns <c>campaign_sync.records</c> with unit <c>{record}</c> into
/// <c>campaign_sync_records_total</c>. Tags hold bounded values only: outcome states, API codes, endpoints and HTTP
/// statuses, never a key or a value. The backlog gauges appear when a <see cref="BacklogSampler"/> is registered, the
/// paused gauge with the <see cref="SubmissionPause"/>, the circuit gauge with the Campaign circuit's state provider.
/// </summary>
internal sealed partial class CampaignSyncMetrics
{
    public const string MeterName = "CampaignSync";

    private readonly Counter<long> _records;
    private readonly Counter<long> _campaignRequests;
    private readonly Counter<long> _throttled;
    private readonly UpDownCounter<long> _activeCalls;
    private readonly Counter<long> _polls;
    private readonly Counter<long> _errorFileLines;
    private readonly Counter<long> _claimed;
    private readonly Histogram<double> _finalLatency;
    private readonly Histogram<double> _requestDuration;

    public CampaignSyncMetrics(IMeterFactory meterFactory, BacklogSampler? backlog = null, SubmissionPause? pause = null,
        CampaignCircuit? circuit = null)
    {
        var meter = meterFactory.Create(MeterName);
        _records = meter.CreateCounter<long>("campaign_sync.records", "{record}",
            "Outcomes written to outbox rows, by outcome (succeeded, failed, dead, superseded, retry) and code.");
        _campaignRequests = meter.CreateCounter<long>("campaign_sync.campaign.requests", "{request}",
            "HTTP calls to Webex Campaign, by endpoint and HTTP status (error when no answer came).");
        _throttled = meter.CreateCounter<long>("campaign_sync.campaign.throttled", "{request}",
            "Calls Webex Campaign answered with HTTP 429, by endpoint.");
        _activeCalls = meter.CreateUpDownCounter<long>("campaign_sync.campaign.active_requests", "{request}",
            "HTTP calls to Webex Campaign waiting for their answer in this process.");
        _polls = meter.CreateCounter<long>("campaign_sync.polls", "{poll}",
            "Status polls of async requests, by result (done, processing, expired, failed).");
        _errorFileLines = meter.CreateCounter<long>("campaign_sync.error_file.lines", "{line}",
            "Error-file lines parsed, by result (error: mapped to a record; anomaly: unreadable, out of range or repeated).");
        _claimed = meter.CreateCounter<long>("campaign_sync.outbox.claimed", "{row}",
            "Outbox rows claimed by this replica (a row claimed again after a retry counts again).");
        _finalLatency = meter.CreateHistogram("campaign_sync.outbox.final_latency", "s",
            "Time from an outbox row's creation to its final outcome, by outcome (succeeded, superseded, failed, dead).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200, 21600, 86400] });
        _requestDuration = meter.CreateHistogram("campaign_sync.requests.duration", "s",
            "Time from a request's submit to its completion, by the request's final state (completed, failed, expired).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600] });
        if (pause is not null)
        {
            meter.CreateObservableGauge("campaign_sync.claiming.paused", () => Paused(pause), null,
                "1 while this replica claims nothing, by reason (automatic: Campaign answered 430/405/498 or the circuit opened).");
        }

        if (circuit is not null)
        {
            meter.CreateObservableGauge("campaign_sync.campaign.circuit_open", () => circuit.IsOpen ? 1 : 0, null,
                "1 while this replica's Campaign circuit breaker is open or half-open (calls are refused).");
        }

        if (backlog is null)
        {
            return;
        }

        meter.CreateObservableGauge("campaign_sync.outbox.backlog", backlog.Backlog, "{row}",
            "Outbox rows not yet final, by state (pending, claimed, in_flight); read from Postgres at most every few seconds.");
        meter.CreateObservableGauge("campaign_sync.outbox.oldest_pending_age", backlog.OldestPendingAge, "s",
            "Age of the oldest pending outbox row (0 when none).");
        meter.CreateObservableGauge("campaign_sync.outbox.due", backlog.Due, "{row}",
            "Pending outbox rows whose backoff has ended: claimable now.");
        meter.CreateObservableGauge("campaign_sync.outbox.dead", backlog.Dead, "{row}",
            "Dead outbox rows (attempts or refusals ran out) not discarded by an operator: they wait for a retry or a discard.");
        meter.CreateObservableGauge("campaign_sync.requests.in_flight", backlog.OpenRequests, "{request}",
            "Async requests submitted and not yet completed (batch states submitting, submitted, polling), over all replicas.");
        meter.CreateObservableGauge("campaign_sync.requests.stalled", backlog.StalledRequests, "{request}",
            "Requests past their deadline that Campaign still reports processing; their contacts wait. Alert on any.");
    }

    public void RecordOutcomes(string outcome, string? code, long count) =>
        _records.Add(count, new("outcome", outcome), new("code", CodeLabel(code)));

    /// <summary>Counts an HTTP call to Campaign; <paramref name="status"/> is null when no answer came.</summary>
    public void RecordCall(CampaignEndpoint endpoint, int? status)
    {
        var endpointName = EndpointName(endpoint);
        _campaignRequests.Add(1, new("endpoint", endpointName), new("status", status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "error"));
        if (status == 429)
        {
            _throttled.Add(1, new KeyValuePair<string, object?>("endpoint", endpointName));
        }
    }

    public void CallStarted() => _activeCalls.Add(1);

    public void CallEnded() => _activeCalls.Add(-1);

    public void RecordPoll(string result) => _polls.Add(1, new KeyValuePair<string, object?>("result", result));

    public void RecordClaimed(long rows) => _claimed.Add(rows);

    /// <summary>Records each final row's age from its creation; retries are not final and record nothing.</summary>
    public void RecordFinalLatencies(string outcome, IEnumerable<double> ageSeconds)
    {
        var tag = new KeyValuePair<string, object?>("outcome", outcome);
        foreach (var age in ageSeconds)
        {
            _finalLatency.Record(age, tag);
        }
    }

    public void RecordRequestDuration(string state, double seconds) =>
        _requestDuration.Record(seconds, new KeyValuePair<string, object?>("state", state));

    public void RecordErrorFileLines(long errors, long anomalies)
    {
        _errorFileLines.Add(errors, new KeyValuePair<string, object?>("result", "error"));
        _errorFileLines.Add(anomalies, new KeyValuePair<string, object?>("result", "anomaly"));
    }

    // One measurement a reason; the operator's pause is the next reason to add here.
    private static IEnumerable<Measurement<int>> Paused(SubmissionPause pause) =>
        [new(pause.Remaining > TimeSpan.Zero ? 1 : 0, new KeyValuePair<string, object?>("reason", "automatic"))];

    private static string EndpointName(CampaignEndpoint endpoint) => endpoint switch
    {
        CampaignEndpoint.Upsert => "upsert",
        CampaignEndpoint.Delete => "delete",
        CampaignEndpoint.Status => "status",
        CampaignEndpoint.GetProfile => "get_profile",
        CampaignEndpoint.Metadata => "metadata",
        CampaignEndpoint.SingleUpsert => "upsert_single",
        CampaignEndpoint.BulkUpsert => "upsert_bulk",
        _ => "error_file",
    };

    /// <summary>
    /// The <c>code</c> label: codes come from error files a broken or hostile server writes, so only a short
    /// code-shaped value becomes a label ("other" otherwise), and no e-mail, phone or free text reaches a series.
    /// </summary>
    private static string CodeLabel(string? code) =>
        string.IsNullOrEmpty(code) ? "none" : CodeShape().IsMatch(code) ? code : "other";

    [GeneratedRegex(@"^[A-Za-z0-9_.-]{1,32}\z")]
    private static partial Regex CodeShape();
}
