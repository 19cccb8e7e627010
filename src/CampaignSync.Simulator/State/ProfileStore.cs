using CampaignSync.Simulator.Api;

namespace CampaignSync.Simulator.State;

/// <summary>
/// The tenant's data: records per profile name, keyed by <c>key</c>, attributes as string to string.
/// One lock guards everything, so a record and its linked record change together.
/// </summary>
internal sealed class ProfileStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Dictionary<string, Dictionary<string, string>>> _profiles = new(StringComparer.Ordinal);

    /// <summary>Creates or updates one record according to the upsert and update-link modes.</summary>
    public RecordOutcome Upsert(
        SimulatedProfile profile,
        string key,
        IReadOnlyList<KeyValuePair<string, string>> attributes,
        UpsertMode upsert,
        UpdateLinkMode link)
    {
        lock (_lock)
        {
            var records = RecordsOf(profile.Name);
            var exists = records.TryGetValue(key, out var stored);
            if ((upsert == UpsertMode.CreateOnly && exists) || (upsert == UpsertMode.UpdateOnly && !exists))
            {
                return RecordOutcome.Skipped;
            }

            var linkFailure = ResolveLink(profile, attributes, link);
            if (linkFailure is not null)
            {
                return linkFailure;
            }

            if (stored is null)
            {
                stored = new Dictionary<string, string>(StringComparer.Ordinal);
                records[key] = stored;
            }

            foreach (var (name, value) in attributes)
            {
                stored[name] = value;
            }

            return RecordOutcome.Applied;
        }
    }

    /// <summary>Removes one record; false when it did not exist.</summary>
    public bool Delete(string profileName, string key)
    {
        lock (_lock)
        {
            return RecordsOf(profileName).Remove(key);
        }
    }

    /// <summary>A copy of one record's attributes, or null when it does not exist.</summary>
    public SortedDictionary<string, string>? Find(string profileName, string key)
    {
        lock (_lock)
        {
            return RecordsOf(profileName).TryGetValue(key, out var stored)
                ? new SortedDictionary<string, string>(stored, StringComparer.Ordinal)
                : null;
        }
    }

    /// <summary>A copy of every record of a profile, sorted by key (ordinal).</summary>
    public List<KeyValuePair<string, SortedDictionary<string, string>>> List(string profileName)
    {
        lock (_lock)
        {
            return RecordsOf(profileName)
                .OrderBy(pair => pair.Key, StringComparer.Ordinal)
                .Select(pair => KeyValuePair.Create(pair.Key, new SortedDictionary<string, string>(pair.Value, StringComparer.Ordinal)))
                .ToList();
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _profiles.Clear();
        }
    }

    // Called under the lock. Only a non-empty link value on the record itself is checked or created.
    private RecordOutcome? ResolveLink(SimulatedProfile profile, IReadOnlyList<KeyValuePair<string, string>> attributes, UpdateLinkMode link)
    {
        if (link == UpdateLinkMode.Ignore || profile.LinkedProfile is null || profile.LinkAttribute is null)
        {
            return null;
        }

        var linkKey = attributes.LastOrDefault(pair => string.Equals(pair.Key, profile.LinkAttribute, StringComparison.Ordinal)).Value;
        if (string.IsNullOrEmpty(linkKey))
        {
            return null;
        }

        var linked = RecordsOf(profile.LinkedProfile);
        if (linked.ContainsKey(linkKey))
        {
            return null;
        }

        if (link == UpdateLinkMode.FailIfMissing)
        {
            return RecordOutcome.Failed(
                CampaignCodes.LinkedProfileNotFound,
                $"Linked profile \"{profile.LinkedProfile}\" has no record for \"{profile.LinkAttribute}\"");
        }

        linked[linkKey] = new Dictionary<string, string>(StringComparer.Ordinal);
        return null;
    }

    private Dictionary<string, Dictionary<string, string>> RecordsOf(string profileName)
    {
        if (!_profiles.TryGetValue(profileName, out var records))
        {
            records = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
            _profiles[profileName] = records;
        }

        return records;
    }
}
