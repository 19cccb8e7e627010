using CampaignSync.Crm;

namespace CampaignSync.UnitTests.Crm;

[Trait("Category", "Crm")]
public sealed class SyncPlannerTests
{
    [Fact]
    public void New_and_changed_contacts_are_upserts_and_unchanged_ones_nothing()
    {
        var snapshot = Snapshot(Entry(1, "a", "h1"), Entry(2, "b", "h2"));

        var plan = SyncPlanner.Plan([Mapped(1, "a", "h1"), Mapped(2, "b", "h2-new"), Mapped(3, "c", "h3")], 0, snapshot, []);

        Assert.Equal([(2L, ChangeReason.Changed), (3L, ChangeReason.New)], plan.Changes.Select(c => (c.ContactId, c.Reason)));
        Assert.Equal([2L, 3L], plan.Remember.Select(m => m.ContactId));
        Assert.Equal((1, 0, 2, 0), (plan.Unchanged, plan.Deletes, plan.Upserts, plan.Forget.Count));
    }

    [Fact]
    public void A_full_resync_upserts_every_owned_contact_even_unchanged_ones_and_still_deletes_gone_ones()
    {
        var snapshot = Snapshot(Entry(1, "a", "h1"), Entry(2, "b", "h2"), Entry(4, "d", "h4"));

        var plan = SyncPlanner.Plan([Mapped(1, "a", "h1"), Mapped(2, "b", "h2-new"), Mapped(3, "c", "h3")], 0, snapshot, [4], full: true);

        Assert.Equal([("delete", "d", ChangeReason.Gone), ("upsert", "a", ChangeReason.Resync), ("upsert", "b", ChangeReason.Changed), ("upsert", "c", ChangeReason.New)],
            plan.Changes.Select(c => (c.Operation, c.ProfileKey, c.Reason)));
        Assert.Equal((0, 1, 3), (plan.Unchanged, plan.Deletes, plan.Upserts));
    }

    [Fact]
    public void A_gone_contact_deletes_its_last_key_before_any_upsert()
    {
        var plan = SyncPlanner.Plan([Mapped(1, "a", "h1"), Mapped(3, "c", "h3")], 0, Snapshot(Entry(1, "a", "h0"), Entry(2, "b", "h2")), [2]);

        Assert.Equal([("delete", "b"), ("upsert", "a"), ("upsert", "c")], plan.Changes.Select(c => (c.Operation, c.ProfileKey)));
        Assert.Equal([2L], plan.Forget);
    }

    [Fact]
    public void A_changed_key_deletes_the_old_profile()
    {
        var plan = SyncPlanner.Plan([Mapped(1, "new", "h9")], 0, Snapshot(Entry(1, "old", "h1")), []);

        Assert.Equal([(ChangeReason.Rekeyed, "old"), (ChangeReason.Changed, "new")], plan.Changes.Select(c => (c.Reason, c.ProfileKey)));
    }

    [Fact]
    public void A_shared_key_has_one_owner_the_lowest_id_and_is_never_deleted_while_owned()
    {
        // 5 owned "a"; 3 now has "a" too (lower id, so it owns it); 8 was "x" and is gone, and 9 took "x" over.
        var snapshot = Snapshot(Entry(5, "a", "h5"), Entry(8, "x", "h8"));

        var plan = SyncPlanner.Plan([Mapped(3, "a", "h3"), Mapped(5, "a", "h5"), Mapped(9, "x", "h9")], 0, snapshot, [8]);

        Assert.Equal([(3L, "upsert"), (9L, "upsert")], plan.Changes.Select(c => (c.ContactId, c.Operation)));
        Assert.Equal([5L, 8L], plan.Forget);
        Assert.Equal(1, plan.Skipped);
    }

    [Fact]
    public void Contacts_without_a_usable_key_are_counted_as_skipped_and_their_snapshot_is_kept()
    {
        var plan = SyncPlanner.Plan([Mapped(1, "a", "h1")], unmappable: 2, Snapshot(Entry(1, "a", "h1"), Entry(2, "b", "h2")), []);

        Assert.Empty(plan.Changes);
        Assert.Empty(plan.Forget);
        Assert.Equal((1, 2), (plan.Unchanged, plan.Skipped));
    }

    [Theory]
    [InlineData(1, 20, 0.05, 0, false)]
    [InlineData(2, 20, 0.05, 0, true)]
    [InlineData(5, 100, 0.05, 0, false)]
    [InlineData(6, 100, 0.05, 0, true)]
    [InlineData(50, 100, 0.05, 50, false)]
    [InlineData(51, 100, 0.05, 50, true)]
    [InlineData(0, 0, 0.05, 0, false)]
    [InlineData(1, 1, 1.0, 0, false)]
    public void The_brake_stops_more_deletes_than_the_share_or_the_confirmed_number(
        int deletes, int syncedBefore, double share, int confirmed, bool stops) =>
        Assert.Equal(stops, DeleteBrake.Stops(deletes, syncedBefore, share, confirmed));

    private static MappedContact Mapped(long id, string key, string hash) => new(id, key, "{}", hash, 0);

    private static SnapshotEntry Entry(long id, string key, string hash) => new(id, key, hash);

    private static Dictionary<long, SnapshotEntry> Snapshot(params SnapshotEntry[] entries) => entries.ToDictionary(e => e.ContactId);
}
