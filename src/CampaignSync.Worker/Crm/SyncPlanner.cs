namespace CampaignSync.Crm;

/// <summary>
/// Diffs a complete scan of the CRM against the snapshot (pure, no I/O). Consumes the mapped contacts, the ids of
/// contacts read without a usable key, the snapshot, and the ids confirmed gone (404); produces the <see cref="SyncPlan"/>.
/// Rules: a new or changed hash is an upsert; a gone contact is a delete of its last key; a contact whose key changed
/// also deletes its old key. One key, one owner: when several contacts share a key the lowest id owns it and the
/// others are skipped, and a key some contact still owns is never deleted.
/// A contact read without a usable key keeps its snapshot row and its profile untouched. A full resync
/// (<c>full</c>) also upserts every unchanged contact it owns the key of.
/// </summary>
internal static class SyncPlanner
{
    public static SyncPlan Plan(
        IReadOnlyCollection<MappedContact> mapped,
        int unmappable,
        IReadOnlyDictionary<long, SnapshotEntry> snapshot,
        IReadOnlyCollection<long> gone,
        bool full = false)
    {
        ArgumentNullException.ThrowIfNull(mapped);
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(gone);

        var owners = new Dictionary<string, MappedContact>(StringComparer.Ordinal);
        foreach (var contact in mapped.OrderBy(c => c.ContactId))
        {
            owners.TryAdd(contact.ProfileKey, contact);
        }

        var deletes = new List<CrmChange>();
        var deletedKeys = new HashSet<string>(StringComparer.Ordinal);
        var upserts = new List<CrmChange>();
        var remember = new List<MappedContact>();
        var forget = new List<long>();
        int unchanged = 0, skipped = unmappable, invalid = 0;

        void DeleteUnlessOwned(long contactId, ChangeReason reason, string key)
        {
            if (!owners.ContainsKey(key) && deletedKeys.Add(key))
            {
                deletes.Add(new CrmChange(contactId, reason, key, null));
            }
        }

        foreach (var contact in mapped.OrderBy(c => c.ContactId))
        {
            snapshot.TryGetValue(contact.ContactId, out var last);
            if (!ReferenceEquals(owners[contact.ProfileKey], contact))
            {
                // A duplicate key: skipped, and forgotten so it is sent in full on the day it owns its key.
                skipped++;
                if (last is not null)
                {
                    forget.Add(contact.ContactId);
                    DeleteUnlessOwned(contact.ContactId, ChangeReason.Rekeyed, last.ProfileKey);
                }

                continue;
            }

            invalid += contact.InvalidValues;
            if (last is null)
            {
                upserts.Add(new CrmChange(contact.ContactId, ChangeReason.New, contact.ProfileKey, contact.AttributesJson));
                remember.Add(contact);
            }
            else if (!string.Equals(last.Hash, contact.Hash, StringComparison.Ordinal))
            {
                if (!string.Equals(last.ProfileKey, contact.ProfileKey, StringComparison.Ordinal))
                {
                    DeleteUnlessOwned(contact.ContactId, ChangeReason.Rekeyed, last.ProfileKey);
                }

                upserts.Add(new CrmChange(contact.ContactId, ChangeReason.Changed, contact.ProfileKey, contact.AttributesJson));
                remember.Add(contact);
            }
            else if (full)
            {
                upserts.Add(new CrmChange(contact.ContactId, ChangeReason.Resync, contact.ProfileKey, contact.AttributesJson));
            }
            else
            {
                unchanged++;
            }
        }

        foreach (var contactId in gone.Order())
        {
            if (snapshot.TryGetValue(contactId, out var last))
            {
                forget.Add(contactId);
                DeleteUnlessOwned(contactId, ChangeReason.Gone, last.ProfileKey);
            }
        }

        deletes.Sort((a, b) => a.ContactId.CompareTo(b.ContactId));
        forget.Sort();
        return new SyncPlan([.. deletes, .. upserts], remember, forget, unchanged, skipped, invalid);
    }
}
