using System.Diagnostics.CodeAnalysis;
using CampaignSync.Simulator.Api;

namespace CampaignSync.Simulator.State;

/// <summary>The tenant's profile definitions, read from the live options on every call (last one of a name wins).</summary>
internal sealed class ProfileCatalog(SimulatorOptions options)
{
    public IReadOnlyList<SimulatedProfile> All()
    {
        var byName = new Dictionary<string, SimulatedProfile>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var profile in options.Profiles.ToArray())
        {
            if (byName.TryAdd(profile.Name, profile))
            {
                order.Add(profile.Name);
            }
            else
            {
                byName[profile.Name] = profile;
            }
        }

        return order.Select(name => byName[name]).ToList();
    }

    public SimulatedProfile? FindByName(string name) =>
        All().FirstOrDefault(profile => string.Equals(profile.Name, name, StringComparison.Ordinal));

    public SimulatedProfile? FindById(string id) =>
        All().FirstOrDefault(profile => string.Equals(profile.Id, id, StringComparison.Ordinal));

    /// <summary>
    /// Resolves <c>profile-name</c> and/or <c>profile-id</c>: neither is 1001, an unknown one 3005, both naming
    /// different profiles 7031.
    /// </summary>
    public bool TryResolve(string? name, string? id, [NotNullWhen(true)] out SimulatedProfile? profile, [NotNullWhen(false)] out ApiError? error)
    {
        profile = null;
        error = null;
        if (string.IsNullOrEmpty(name) && string.IsNullOrEmpty(id))
        {
            error = new ApiError(CampaignCodes.InvalidInput, "One of ProfileID or ProfileName is mandatory");
            return false;
        }

        var byName = string.IsNullOrEmpty(name) ? null : FindByName(name);
        var byId = string.IsNullOrEmpty(id) ? null : FindById(id);
        if ((!string.IsNullOrEmpty(name) && byName is null) || (!string.IsNullOrEmpty(id) && byId is null))
        {
            error = new ApiError(CampaignCodes.InvalidProfileId, "Invalid profile id");
            return false;
        }

        if (byName is not null && byId is not null && !ReferenceEquals(byName, byId))
        {
            error = new ApiError(CampaignCodes.ProfileIdAndNameMismatch, "Profile id and profile name do not match");
            return false;
        }

        profile = byName ?? byId!;
        return true;
    }
}
