using System.Collections.Concurrent;
using System.Text.Json;
using CampaignSync.Campaign;
using CampaignSync.Outbox;
using CampaignSync.Outcomes;
using CampaignSync.Submission;
using Polly.CircuitBreaker;

namespace CampaignSync.Polling;

/// <summary>
/// Narrows down a create-only (mode 0) or update-only (mode 2) request whose <c>update-count</c> is short: Campaign
/// neither counts nor reports a record it skipped by its mode's rule, so each record without an error line is read
/// back with Get contact profile. Update-only: a profile that is missing afterwards was skipped (<c>skipped_missing</c>).
/// Create-only: a profile that does not hold the record's values afterwards existed already (<c>skipped_exists</c>);
/// one that held exactly those values before cannot be told from a created one, and counts as created (the final
/// state is the same). Contact exclusivity makes the read-back safe: no other request touches these contacts.
/// </summary>
internal sealed class SkippedRecordCheck(ICampaignClient client, BatchStore batches)
{
    private const int Concurrency = 8;

    /// <summary>True when the batch's mode lets Campaign skip records without an error line.</summary>
    public static bool Applies(BatchPollState batch) => batch.UpsertMode is 0 or 2;

    /// <summary>
    /// The skipped records among those without an error line, each as a successful <see cref="RecordError"/> with its
    /// skip code; null when a profile could not be read, or a create-only record's profile is missing afterwards (the
    /// request's result is then unknown).
    /// </summary>
    public async Task<IReadOnlyList<RecordError>?> FindAsync(BatchPollState batch, IReadOnlySet<int> failing, CancellationToken cancellationToken)
    {
        var records = (await batches.LoadRecordsAsync(batch.Id, cancellationToken)).Where(r => !failing.Contains(r.Index)).ToList();
        var skipped = new ConcurrentBag<RecordError>();
        var unknown = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(records, parallel, async (record, token) =>
        {
            if (await JudgeAsync(batch, record, token) is { } skip)
            {
                skipped.Add(skip);
            }
        });

        return unknown > 0 ? null : skipped.OrderBy(s => s.Index).ToList();

        async Task<RecordError?> JudgeAsync(BatchPollState state, BatchRecord record, CancellationToken token)
        {
            CampaignReply<ProfileSnapshot> reply;
            try
            {
                reply = await client.GetProfileAsync(state.ProfileName, record.Key, token);
            }
            catch (BrokenCircuitException)
            {
                Interlocked.Increment(ref unknown);
                return null;
            }

            if (!reply.IsSuccess || (state.UpsertMode == 0 && !reply.Value!.Exists))
            {
                Interlocked.Increment(ref unknown);
                return null;
            }

            var profile = reply.Value!;
            if (state.UpsertMode == 2)
            {
                return profile.Exists ? null : RecordError.SkippedByMode(record.Index, state.UpsertMode);
            }

            return Holds(profile, record.AttributesJson) ? null : RecordError.SkippedByMode(record.Index, state.UpsertMode);
        }
    }

    // Whether the profile holds every value of the record (an empty or null value: the attribute is empty or absent).
    private static bool Holds(ProfileSnapshot profile, string attributesJson)
    {
        using var document = JsonDocument.Parse(attributesJson);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            var value = ChangeValidator.ScalarText(property.Value) ?? "";
            if (!string.Equals(profile.Attributes.GetValueOrDefault(property.Name, ""), value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
