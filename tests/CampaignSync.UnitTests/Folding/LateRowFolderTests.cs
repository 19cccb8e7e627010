using CampaignSync.Campaign;
using CampaignSync.Folding;
using CampaignSync.Outbox;

namespace CampaignSync.UnitTests.Folding;

public sealed class LateRowFolderTests
{
    [Fact]
    public void Rows_with_nothing_applied_after_them_are_unchanged()
    {
        var rows = new[] { Upsert(5, ("city", "a")) };

        var late = LateRowFolder.Beneath(rows, []);

        Assert.Same(rows, late.Rows);
        Assert.Empty(late.Covered);
    }

    [Fact]
    public void A_late_upsert_loses_what_newer_applied_upserts_set()
    {
        var late = LateRowFolder.Beneath([Upsert(1, ("city", "old"), ("email", "e"))], [Applied(2, "upsert", """{"city":"new"}""")]);

        var row = Assert.Single(late.Rows);
        Assert.Equal(new Dictionary<string, string?> { ["email"] = "e" }, row.Attributes);
    }

    [Fact]
    public void A_late_upsert_whose_every_attribute_was_set_since_is_covered()
    {
        var late = LateRowFolder.Beneath([Upsert(1, ("city", "old"))], [Applied(2, "upsert", """{"city":"new"}""")]);

        Assert.Empty(late.Rows);
        Assert.Equal((1L, LateRowFolder.LateOverwrittenCode), (late.Covered[0].Id, late.Covered[0].Code));
    }

    [Fact]
    public void A_late_row_below_an_applied_delete_is_covered()
    {
        var late = LateRowFolder.Beneath([Upsert(1, ("city", "old")), Delete(3)],
            [Applied(2, "delete", "{}"), Applied(4, "upsert", """{"email":"x"}""")]);

        Assert.Equal([1L], late.Covered.Select(c => c.Id));
        Assert.Equal([3L], late.Rows.Select(r => r.Id));
        Assert.Equal(new Dictionary<string, string?> { ["email"] = "x" }, late.Replays[3].Attributes);
    }

    [Fact]
    public void A_late_delete_is_sent_with_a_replay_of_the_upserts_applied_after_it()
    {
        var rows = new[] { Delete(1) };
        var late = LateRowFolder.Beneath(rows, [Applied(2, "upsert", """{"city":"a"}"""), Applied(3, "upsert", """{"city":"b","email":"e"}""")]);
        var record = LateRowFolder.WithReplay(ContactFolder.Fold(late.Rows, EmptyValues.Clear).Operation, late.Rows, late);

        Assert.Equal(ChangeOperation.Delete, record.Operation);
        Assert.Equal(3, record.Replay!.Position);
        Assert.Equal(new Dictionary<string, string?> { ["city"] = "b", ["email"] = "e" }, record.Replay.Attributes);
    }

    [Fact]
    public void No_replay_when_the_fold_ends_with_a_newer_delete()
    {
        var rows = new[] { Delete(1), Delete(9) };
        var late = LateRowFolder.Beneath(rows, [Applied(2, "upsert", """{"city":"a"}""")]);
        var record = LateRowFolder.WithReplay(ContactFolder.Fold(late.Rows, EmptyValues.Clear).Operation, late.Rows, late);

        Assert.Equal([1L, 9L], record.RowIds);
        Assert.Null(record.Replay);
    }

    [Fact]
    public void A_replay_row_folds_at_its_position_beneath_newer_rows()
    {
        var replay = Upsert(20, ("city", "replayed")) with { Position = 3 };
        var late = LateRowFolder.Beneath([replay, Upsert(7, ("city", "newest"))], [Applied(3, "upsert", """{"city":"replayed"}""")]);
        var fold = ContactFolder.Fold(late.Rows.OrderBy(r => r.Position).ToList(), EmptyValues.Clear);

        // The replay goes first; the newest row, which overwrites it, follows in the next round.
        Assert.Equal([20L], fold.Operation.RowIds);
        Assert.Equal([7L], fold.Deferred);
    }

    private static ValidChange Upsert(long id, params (string Name, string? Value)[] attributes) =>
        new(id, "contacts", "k1", ChangeOperation.Upsert, attributes.ToDictionary(a => a.Name, a => a.Value), 1, 2, []);

    private static ValidChange Delete(long id) =>
        new(id, "contacts", "k1", ChangeOperation.Delete, new Dictionary<string, string?>(), 1, 2, []);

    private static AppliedChange Applied(long id, string operation, string json) => new()
    {
        Id = id, ProfileName = "contacts", ProfileKey = "k1", Operation = operation, AttributesJson = json, UpdateLink = 2,
    };
}
