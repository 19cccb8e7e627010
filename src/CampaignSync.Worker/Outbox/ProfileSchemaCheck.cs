using CampaignSync.Campaign;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;

namespace CampaignSync.Outbox;

/// <summary>
/// The step between validation and folding: a row whose profile or attributes the tenant does not have, or whose values
/// do not fit the attributes' data types, fails at once with <see cref="ProfileSchema"/>'s code and never goes to
/// Campaign, so a defect every record of a request shares never costs a request (nor its splitting). The profile
/// metadata is read once and again after <see cref="CampaignOptions.MetadataRefreshInterval"/>; while it cannot be
/// read the last copy is used, and without one rows pass unchecked (Campaign still judges each record).
/// </summary>
internal sealed class ProfileSchemaCheck(
    ICampaignClient client,
    IOptions<CampaignOptions> options,
    TimeProvider timeProvider,
    ILogger<ProfileSchemaCheck> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ProfileSchema? _schema;
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;

    /// <summary>Splits validated rows into those Campaign can take and those that fail now.</summary>
    public async Task<(List<ValidChange> Fit, List<RejectedChange> Unfit)> SplitAsync(
        IReadOnlyList<ValidChange> valid, CancellationToken cancellationToken)
    {
        var fit = new List<ValidChange>(valid.Count);
        var unfit = new List<RejectedChange>();
        var schema = valid.Count == 0 ? null : await CurrentAsync(cancellationToken);
        foreach (var change in valid)
        {
            var problem = schema is null ? null : Judge(schema, change);
            if (problem is { } p)
            {
                unfit.Add(new RejectedChange(change.Id, p.Code, p.Reason));
            }
            else
            {
                fit.Add(change);
            }
        }

        return (fit, unfit);
    }

    private static (string Code, string Reason)? Judge(ProfileSchema schema, ValidChange change) =>
        change.Operation == ChangeOperation.Delete
            ? schema.JudgeProfile(change.ProfileName)
            : change.Attributes.Select(a => schema.Judge(change.ProfileName, a.Key, a.Value)).FirstOrDefault(p => p is not null);

    private async Task<ProfileSchema?> CurrentAsync(CancellationToken cancellationToken)
    {
        if (!IsStale())
        {
            return _schema;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!IsStale())
            {
                return _schema;
            }

            // A failed read is not tried again before the interval either: every round would pay a call otherwise.
            _readAt = timeProvider.GetUtcNow();
            try
            {
                var reply = await client.GetProfileMetadataAsync(cancellationToken);
                if (reply.IsSuccess)
                {
                    _schema = new ProfileSchema(reply.Value!);
                    logger.MetadataRead(_schema.Size.Profiles, _schema.Size.Attributes);
                }
                else
                {
                    logger.MetadataUnavailable(reply.Kind, reply.Code);
                }
            }
            catch (BrokenCircuitException)
            {
                logger.MetadataUnavailable(CampaignOutcomeKind.Retryable, "circuit open");
            }

            return _schema;
        }
        finally
        {
            _gate.Release();
        }
    }

    private bool IsStale() => timeProvider.GetUtcNow() - _readAt >= options.Value.MetadataRefreshInterval;

    public void Dispose() => _gate.Dispose();
}
