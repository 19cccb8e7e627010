using Microsoft.Extensions.Options;

namespace CampaignSync.Campaign;

/// <summary>
/// Which of the two secret keys is in use, shared by every call of the process. Secret keys do not expire
/// but can be rotated one at a time (docs/campaign-api.md): on 498 the client switches to the other key once
/// and stays there, so the next calls do not pay a rejected attempt.
/// </summary>
internal sealed class CampaignApiKeys(IOptions<CampaignOptions> options)
{
    private int _activeSlot;

    /// <summary>The key to send now.</summary>
    public CampaignApiKey Current => KeyOf(Volatile.Read(ref _activeSlot));

    /// <summary>Whether a second key is configured.</summary>
    public bool HasSecondary => !string.IsNullOrEmpty(options.Value.SecondaryApiKey);

    /// <summary>
    /// After <paramref name="rejected"/> was answered 498, makes the other key current (unless a concurrent
    /// call already did) and returns it. False when there is no second key.
    /// </summary>
    public bool TrySwitchFrom(CampaignApiKey rejected, out CampaignApiKey other)
    {
        if (!HasSecondary)
        {
            other = default;
            return false;
        }

        var otherSlot = 1 - rejected.Slot;
        Interlocked.CompareExchange(ref _activeSlot, otherSlot, rejected.Slot);
        other = KeyOf(otherSlot);
        return true;
    }

    /// <summary>Key 1 (slot 0) or key 2 (slot 1), whichever is current.</summary>
    public CampaignApiKey KeyOf(int slot) =>
        new(slot, slot == 0 ? options.Value.ApiKey! : options.Value.SecondaryApiKey!);
}
