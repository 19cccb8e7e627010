using System.Globalization;
using CampaignSync.Campaign;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CampaignSync.Operations;

/// <summary>
/// <c>check</c>: asks the configured tenant, with calls that change nothing, whether each key is accepted, whether each
/// configured path answers as the project expects, and whether every profile and attribute the pending outbox rows use
/// exists with a type their values fit (the profile metadata, judged by <see cref="ProfileSchema"/> as the worker does).
/// Reads the outbox, writes nothing.
/// </summary>
internal sealed class TenantCheck(ICampaignClient client, NpgsqlDataSource dataSource, IOptions<CampaignOptions> options)
{
    /// <summary>The key asked for on Get contact profile: a contact no tenant has.</summary>
    public const string AbsentKey = "campaignsync-check-absent";

    /// <summary>The request id asked for on the status call: one no tenant issued.</summary>
    public const string UnknownRequestId = "campaignsync-check";

    private const string PendingAttributes = """
        select o.id as Id, o.profile_name as ProfileName, a.key as Attribute, a.value #>> '{}' as Value
        from campaign_sync.outbox o
        left join lateral jsonb_each(case when o.operation = 'upsert' then o.attributes else '{}'::jsonb end) a on true
        where o.state = 'pending'
        """;

    // Requests Campaign refuses as invalid input (1001) before they could change anything: they show the path is served.
    private static readonly ReadOnlyMemory<byte> EmptyRequest = "{}"u8.ToArray();

    public async Task<CheckReport> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var findings = new List<CheckFinding>();
        var keys = settings.SecondaryApiKey is { Length: > 0 } ? new[] { (0, "Campaign:ApiKey"), (1, "Campaign:SecondaryApiKey") } : [(0, "Campaign:ApiKey")];
        IReadOnlyList<CampaignProfileMetadata>? metadata = null;
        var workingSlot = -1;
        foreach (var (slot, name) in keys)
        {
            var profiles = await ReadMetadataAsync(slot, name, findings, cancellationToken);
            if (profiles is not null && metadata is null)
            {
                (metadata, workingSlot) = (profiles, slot);
            }
        }

        if (metadata is null)
        {
            findings.Add(new CheckFinding("metadata", "Campaign:Paths:Metadata",
                "not read with any key: the other paths, profiles and attributes were not checked"));
            return new CheckReport($"{keys.Length} key(s)", findings.Distinct().ToList());
        }

        var paths = await CheckPathsAsync(workingSlot, metadata, findings, cancellationToken);
        var rows = await CheckPendingRowsAsync(new ProfileSchema(metadata), findings, cancellationToken);
        return new CheckReport(string.Create(CultureInfo.InvariantCulture,
            $"{keys.Length} key(s), {paths + 1} paths, {rows.Profiles:N0} profile(s) and {rows.Attributes:N0} attribute(s) used by {rows.Rows:N0} pending row(s)"),
            findings.Distinct().ToList());
    }

    private async Task<IReadOnlyList<CampaignProfileMetadata>?> ReadMetadataAsync(
        int slot, string keySetting, List<CheckFinding> findings, CancellationToken cancellationToken)
    {
        var attempt = await client.SendCheckAsync(CampaignEndpoint.Metadata, HttpMethod.Get, options.Value.Paths.Metadata, null, slot, cancellationToken);
        if (attempt.Kind == CampaignOutcomeKind.Success && attempt.Body?.Profiles is { } profiles)
        {
            return profiles;
        }

        findings.Add(attempt.HttpStatus == 401 || attempt.Code is "498" or "430"
            ? new CheckFinding("key", keySetting, $"refused: {Answer(attempt)}")
            : new CheckFinding("path", "Campaign:Paths:Metadata", $"{Answer(attempt)}; expected a list of profiles"));
        return null;
    }

    private async Task<int> CheckPathsAsync(
        int slot, IReadOnlyList<CampaignProfileMetadata> metadata, List<CheckFinding> findings, CancellationToken cancellationToken)
    {
        var paths = options.Value.Paths;
        var profile = metadata.Select(p => p.ProfileName).FirstOrDefault(name => !string.IsNullOrEmpty(name));
        var probes = new List<(string Setting, CampaignEndpoint Endpoint, HttpMethod Method, string Path, ReadOnlyMemory<byte>? Body,
            Func<CampaignAttempt, bool> Expected, string Expectation)>
        {
            ("Campaign:Paths:Status", CampaignEndpoint.Status, HttpMethod.Get,
                paths.Status.Replace(CampaignPathOptions.RequestIdPlaceholder, UnknownRequestId, StringComparison.Ordinal), null,
                a => a.Kind == CampaignOutcomeKind.Success && a.Code == "1010", "code 1010 (not processed) for a request id it never issued"),
            ("Campaign:Paths:Upsert", CampaignEndpoint.Upsert, HttpMethod.Post, paths.Upsert, EmptyRequest,
                a => a.Code == "1001", "code 1001 (invalid input) for an empty request"),
            ("Campaign:Paths:Delete", CampaignEndpoint.Delete, HttpMethod.Post, paths.Delete, EmptyRequest,
                a => a.Code == "1001", "code 1001 (invalid input) for an empty request"),
        };
        if (options.Value.UpsertTransport == UpsertTransport.Bulk)
        {
            probes.Add(("Campaign:Paths:BulkUpsert", CampaignEndpoint.BulkUpsert, HttpMethod.Post, paths.BulkUpsert, EmptyRequest,
                a => a.Code == "1001", "code 1001 (invalid input) for an empty request"));
        }

        if (profile is not null)
        {
            probes.Add(("Campaign:Paths:GetProfile", CampaignEndpoint.GetProfile, HttpMethod.Post, paths.GetProfile,
                CampaignRequestWriter.WriteGetProfile(profile, AbsentKey),
                a => a.Kind == CampaignOutcomeKind.Success, $"a profile or code 1020 (not found) for a key profile '{profile}' does not have"));
        }

        foreach (var probe in probes)
        {
            var attempt = await client.SendCheckAsync(probe.Endpoint, probe.Method, probe.Path, probe.Body, slot, cancellationToken);
            if (!probe.Expected(attempt))
            {
                findings.Add(new CheckFinding("path", probe.Setting, $"{Answer(attempt)}; expected {probe.Expectation}"));
            }
        }

        return probes.Count;
    }

    private async Task<(int Profiles, int Attributes, int Rows)> CheckPendingRowsAsync(
        ProfileSchema schema, List<CheckFinding> findings, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var values = (await connection.QueryAsync<PendingAttribute>(new CommandDefinition(PendingAttributes, cancellationToken: cancellationToken))).ToList();
        var attributes = 0;
        var profiles = values.GroupBy(v => v.ProfileName, StringComparer.Ordinal).ToList();
        foreach (var profile in profiles)
        {
            if (schema.JudgeProfile(profile.Key) is { } missing)
            {
                findings.Add(new CheckFinding(missing.Code, profile.Key,
                    string.Create(CultureInfo.InvariantCulture, $"{missing.Reason}; {profile.Select(v => v.Id).Distinct().Count():N0} pending row(s) name it")));
                continue;
            }

            foreach (var attribute in profile.Where(v => v.Attribute is not null).GroupBy(v => v.Attribute!, StringComparer.Ordinal))
            {
                attributes++;
                var problems = attribute.Select(v => schema.Judge(profile.Key, attribute.Key, v.Value)).OfType<(string Code, string Reason)>().ToList();
                if (problems.Count > 0)
                {
                    findings.Add(new CheckFinding(problems[0].Code, $"{profile.Key}.{attribute.Key}",
                        string.Create(CultureInfo.InvariantCulture, $"{problems[0].Reason}; {problems.Count:N0} of {attribute.Count():N0} pending row(s)")));
                }
            }
        }

        return (profiles.Count, attributes, values.Select(v => v.Id).Distinct().Count());
    }

    private static string Answer(CampaignAttempt attempt) => attempt.HttpStatus == 0
        ? $"no answer ({attempt.Description})"
        : string.Create(CultureInfo.InvariantCulture, $"answered HTTP {attempt.HttpStatus}, code {attempt.Code ?? "none"}");
}
