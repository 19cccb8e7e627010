using System.Globalization;
using CampaignSync.Campaign;
using CampaignSync.ErrorFiles;
using CampaignSync.Polling;
using CampaignSync.Submission;
using Microsoft.Extensions.Options;

namespace CampaignSync.Operations;

/// <summary>
/// <c>check --probe KEY</c>: one real async upsert, followed step by step, so the wire-format decisions (the
/// <c>sync</c> and <c>file</c> fields, the CSV header, the error file's index base, the status answers) are confirmed on
/// the tenant. It reads the contact, writes back the values it read of the attributes the metadata lists (update only,
/// linked profile ignored: nothing new is created), follows the request through the status call and the error file,
/// and reads the contact back. Prints attribute names and counts, never values or the key.
/// </summary>
internal sealed class TenantProbe(
    ICampaignClient client,
    ErrorFileReader errorFiles,
    IOptions<SubmissionOptions> submission,
    IOptions<PollingOptions> polling,
    TimeProvider timeProvider)
{
    /// <summary>Update only: the probe never creates a contact.</summary>
    private const int UpdateOnly = 2;

    /// <summary>Ignore the linked profile: the probe never creates a linked record.</summary>
    private const int IgnoreLink = 1;

    /// <returns>True when every step did what the project expects.</returns>
    public async Task<bool> RunAsync(string profileName, string key, TextWriter output, CancellationToken cancellationToken)
    {
        var read = await client.GetProfileAsync(profileName, key, cancellationToken);
        var metadata = await client.GetProfileMetadataAsync(cancellationToken);
        if (!read.IsSuccess || !metadata.IsSuccess)
        {
            await StepAsync(output, "read", $"failed: {Describe(read.IsSuccess ? metadata.Kind : read.Kind, read.IsSuccess ? metadata.Code : read.Code)}");
            return false;
        }

        if (!read.Value!.Exists)
        {
            await StepAsync(output, "read", $"profile '{profileName}' has no contact with this key; the probe writes back what it reads, so it needs one");
            return false;
        }

        var known = metadata.Value!.Where(p => p.ProfileName == profileName).SelectMany(p => p.Attributes ?? []).Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        var values = read.Value.Attributes.Where(a => known.Contains(a.Key)).OrderBy(a => a.Key, StringComparer.Ordinal).ToList();
        await StepAsync(output, "read", string.Create(CultureInfo.InvariantCulture,
            $"the contact exists with {read.Value.Attributes.Count} attribute(s); {values.Count} the metadata lists are written back unchanged: {string.Join(", ", values.Select(v => v.Key))}"));
        if (values.Count == 0)
        {
            return false;
        }

        var batch = new UpsertBatch(profileName, UpdateOnly, IgnoreLink, [], values.Select(v => v.Key).ToList(),
            [new UpsertRecord(key, values.Select(v => (string?)v.Value).ToList())]);
        var submitted = await client.SubmitUpsertBatchAsync(batch, cancellationToken);
        if (!submitted.IsSuccess)
        {
            await StepAsync(output, "submit", $"not accepted: {Describe(submitted.Kind, submitted.Code)}");
            return false;
        }

        await StepAsync(output, "submit", $"accepted as request {submitted.Value} (update only, linked profile ignored)");
        var status = await FollowAsync(submitted.Value!, output, cancellationToken);
        if (status is null)
        {
            return false;
        }

        var passed = status.UpdateCount == 1 & await ReadErrorFileAsync(status.ErrorFile, output, cancellationToken);
        var back = await client.GetProfileAsync(profileName, key, cancellationToken);
        var differing = back.Value is { Exists: true } stored
            ? values.Where(v => !stored.Attributes.TryGetValue(v.Key, out var now) || now != v.Value).Select(v => v.Key).ToList()
            : null;
        await StepAsync(output, "read back", differing switch
        {
            null => $"failed: {Describe(back.Kind, back.Code)}",
            [] => "every value written back is stored",
            _ => $"stored values differ from those sent: {string.Join(", ", differing)}",
        });
        return passed && differing is [];
    }

    private async Task<QueryStatus?> FollowAsync(string requestId, TextWriter output, CancellationToken cancellationToken)
    {
        var deadline = timeProvider.GetUtcNow() + submission.Value.RequestDeadline;
        for (var polls = 1; ; polls++)
        {
            await Task.Delay(polling.Value.FirstPollDelay, timeProvider, cancellationToken);
            var reply = await client.GetQueryStatusAsync(requestId, cancellationToken);
            if (!reply.IsSuccess)
            {
                await StepAsync(output, "status", $"failed: {Describe(reply.Kind, reply.Code)}");
                return null;
            }

            if (reply.Value!.IsDone)
            {
                await StepAsync(output, "status", string.Create(CultureInfo.InvariantCulture,
                    $"done after {polls} poll(s): update-count {reply.Value.UpdateCount?.ToString(CultureInfo.InvariantCulture) ?? "missing"} (1 expected), {(reply.Value.ErrorFile is null ? "no error file" : "an error file")}"));
                return reply.Value;
            }

            if (timeProvider.GetUtcNow() >= deadline)
            {
                await StepAsync(output, "status", string.Create(CultureInfo.InvariantCulture,
                    $"still processing (1010) after {polls} poll(s), past Submission:RequestDeadline"));
                return null;
            }
        }
    }

    private async Task<bool> ReadErrorFileAsync(string? errorFile, TextWriter output, CancellationToken cancellationToken)
    {
        if (errorFile is null)
        {
            await StepAsync(output, "error file", "none: no record failed");
            return true;
        }

        ErrorFileReport report;
        try
        {
            await using var stream = await client.OpenErrorFileAsync(errorFile, cancellationToken);
            report = await errorFiles.ReadAsync(stream, recordCount: 1, cancellationToken);
        }
        catch (Exception ex) when (ex is ErrorFileRejectedException or HttpRequestException or Polly.Timeout.TimeoutRejectedException)
        {
            await StepAsync(output, "error file", $"not read: {ex.Message}");
            return false;
        }

        foreach (var error in report.Errors)
        {
            await StepAsync(output, "error file", string.Create(CultureInfo.InvariantCulture, $"record {error.Index} failed: code {error.Code}, {error.Description}"));
        }

        foreach (var anomaly in report.Anomalies)
        {
            await StepAsync(output, "error file", string.Create(CultureInfo.InvariantCulture, $"line {anomaly.LineNumber} not understood: {anomaly.Reason}"));
        }

        return false;
    }

    private static string Describe(CampaignOutcomeKind kind, string? code) => $"{kind}, code {code ?? "none"}";

    private static Task StepAsync(TextWriter output, string step, string text) => output.WriteLineAsync($"probe  {step,-11}{text}");
}
