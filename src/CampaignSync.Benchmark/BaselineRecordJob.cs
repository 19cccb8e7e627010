using System.Text.Json;
using CampaignSync.Campaign;
using CampaignSync.ErrorFiles;
using Hangfire;

namespace CampaignSync.Benchmark;

/// <summary>
/// The design most teams write first: one Hangfire job per outbox row, which sends that one record through the same
/// <see cref="ICampaignClient"/> and waits for its answer inside the job (a delete is answered at once; an upsert is
/// submitted and its status asked every <see cref="StatusInterval"/> until done), then writes the row's outcome.
/// </summary>
internal sealed class BaselineRecordJob(ICampaignClient client, ErrorFileReader errorFiles, BenchmarkStore store)
{
    /// <summary>Shorter than any real poll interval, which favours the baseline.</summary>
    public static readonly TimeSpan StatusInterval = TimeSpan.FromMilliseconds(100);

    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Sends one row. A failure is retried after a second, up to three times, as a team writing this design lets
    /// Hangfire do (a busy test run can refuse a database connection for a moment); a job that still fails fails the
    /// run with its exception.
    /// </summary>
    [Queue("default")]
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [1])]
    public async Task SendAsync(long outboxId, CancellationToken cancellationToken)
    {
        var row = await store.LoadRowAsync(outboxId, cancellationToken);
        if (row is null)
        {
            return;
        }

        var (state, code, description) = row.Operation == "delete"
            ? Outcome(await client.DeleteProfileAsync(new ProfileDelete(row.ProfileName, row.ProfileKey, row.Exparams), cancellationToken))
            : await UpsertAsync(row, cancellationToken);
        await store.FinishRowAsync(row.Id, state, code, description, cancellationToken);
    }

    private async Task<(string State, string? Code, string? Description)> UpsertAsync(BaselineRow row, CancellationToken cancellationToken)
    {
        using var attributes = JsonDocument.Parse(row.AttributesJson);
        var values = BenchmarkWorkload.Attributes
            .Select(name => attributes.RootElement.TryGetProperty(name, out var value) ? value.GetString() : null)
            .ToList();
        var batch = new UpsertBatch(row.ProfileName, row.UpsertMode, row.UpdateLink, row.Exparams, BenchmarkWorkload.Attributes,
            [new UpsertRecord(row.ProfileKey, values)]);
        var submitted = await client.SubmitUpsertBatchAsync(batch, cancellationToken);
        if (!submitted.IsSuccess)
        {
            return Outcome(submitted);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Deadline);
        while (true)
        {
            await Task.Delay(StatusInterval, deadline.Token);
            var status = await client.GetQueryStatusAsync(submitted.Value!, deadline.Token);
            if (status is { IsSuccess: true, Value.IsDone: true })
            {
                return await ErrorOfAsync(status.Value.ErrorFile, deadline.Token);
            }
        }
    }

    private async Task<(string State, string? Code, string? Description)> ErrorOfAsync(string? errorFile, CancellationToken cancellationToken)
    {
        if (errorFile is null)
        {
            return ("succeeded", null, null);
        }

        await using var stream = await client.OpenErrorFileAsync(errorFile, cancellationToken);
        var report = await errorFiles.ReadAsync(stream, 1, cancellationToken);
        return report.Errors.Count == 0 ? ("succeeded", null, null) : ("failed", report.Errors[0].Code, report.Errors[0].Description);
    }

    private static (string State, string? Code, string? Description) Outcome(CampaignReply<string> reply) =>
        reply.IsSuccess ? ("succeeded", null, null) : ("failed", reply.Code ?? reply.Kind.ToString(), reply.Description);
}
