using CampaignSync.Campaign;
using CampaignSync.Folding;
using CampaignSync.Outbox;

namespace CampaignSync.UnitTests.Folding;

public sealed class ContactFolderTests
{
    private const EmptyValues Clear = EmptyValues.Clear;
    private const EmptyValues Ignore = EmptyValues.Ignore;
    private static long _nextId;

    [Fact]
    public void Fold_joins_rows_that_add_attributes_and_stops_at_one_that_would_overwrite_a_value()
    {
        var rows = new[] { Upsert(("email", "a@x"), ("city", "Bern")), Upsert(("phone", "+1"), ("city", "Bern")), Upsert(("email", "b@x")) };

        var result = ContactFolder.Fold(rows, Clear);

        Assert.Equal(ChangeOperation.Upsert, result.Operation.Operation);
        Assert.Equal(new Dictionary<string, string?> { ["email"] = "a@x", ["city"] = "Bern", ["phone"] = "+1" }, result.Operation.Attributes);
        Assert.Equal([rows[0].Id, rows[1].Id], result.Operation.RowIds);
        Assert.Equal([rows[2].Id], result.Deferred);
    }

    [Fact]
    public void Fold_stops_at_a_delete_after_an_upsert_so_the_upsert_reaches_Campaign()
    {
        var rows = new[] { Upsert(("email", "a@x")), Delete() };

        var result = ContactFolder.Fold(rows, Clear);

        Assert.Equal([rows[0].Id], result.Operation.RowIds);
        Assert.Equal([rows[1].Id], result.Deferred);
    }

    [Fact]
    public void Fold_joins_deletes_and_an_upsert_after_them_waits_for_the_next_round()
    {
        var rows = new[] { Delete(), Delete(), Upsert(("email", "c@x")), Upsert(("city", "Rome")) };

        var result = ContactFolder.Fold(rows, Clear);

        Assert.Equal(ChangeOperation.Delete, result.Operation.Operation);
        Assert.Equal([rows[0].Id, rows[1].Id], result.Operation.RowIds);
        Assert.Equal([rows[2].Id, rows[3].Id], result.Deferred);
    }

    [Fact]
    public void Fold_stops_at_a_change_of_upsert_mode()
    {
        var rows = new[] { Upsert(("email", "a@x")), Upsert(mode: 2, ("email", "b@x")) };

        var result = ContactFolder.Fold(rows, Clear);

        Assert.Equal("a@x", result.Operation.Attributes["email"]);
        Assert.Equal([rows[1].Id], result.Deferred);
    }

    [Fact]
    public void Fold_sends_each_create_only_row_alone_as_Campaign_would_skip_every_one_after_the_first()
    {
        var rows = new[] { Upsert(mode: 0, ("city", "Leeds")), Upsert(mode: 0, ("city", "York")) };

        var result = ContactFolder.Fold(rows, Clear);

        Assert.Equal([rows[0].Id], result.Operation.RowIds);
        Assert.Equal("Leeds", result.Operation.Attributes["city"]);
        Assert.Equal([rows[1].Id], result.Deferred);
    }

    [Fact]
    public void Fold_stops_before_a_create_only_row()
    {
        var rows = new[] { Upsert(("city", "Leeds")), Upsert(mode: 0, ("city", "York")) };

        var result = ContactFolder.Fold(rows, Clear);

        Assert.Equal([rows[0].Id], result.Operation.RowIds);
        Assert.Equal([rows[1].Id], result.Deferred);
    }

    [Fact]
    public void Fold_joins_update_only_rows_as_Campaign_applies_all_of_them_or_none()
    {
        var rows = new[] { Upsert(mode: 2, ("city", "Leeds")), Upsert(mode: 2, ("email", "b@x")) };

        var result = ContactFolder.Fold(rows, Clear);

        Assert.Equal(rows.Select(r => r.Id), result.Operation.RowIds);
        Assert.Equal(2, result.Operation.UpsertMode);
    }

    [Fact]
    public void Fold_never_joins_a_row_unfolded_from_a_refused_record()
    {
        var rows = new[] { Upsert(("city", "London")) with { SendAlone = true }, Upsert(("email", "bad")) with { SendAlone = true }, Upsert(("city", "Rome")) };

        var first = ContactFolder.Fold(rows, Clear);
        var second = ContactFolder.Fold(rows[1..], Clear);

        Assert.Equal([rows[0].Id], first.Operation.RowIds);
        Assert.Equal([rows[1].Id], second.Operation.RowIds);
        Assert.Equal([rows[2].Id], second.Deferred);
    }

    [Fact]
    public void Fold_with_clear_stops_at_an_empty_value_over_a_held_one_and_joins_empty_over_null()
    {
        var rows = new[] { Upsert(("city", "Leeds")), Upsert(("city", "")) };
        var empties = new[] { Upsert(("city", null)), Upsert(("city", "")) };

        var result = ContactFolder.Fold(rows, Clear);
        var joined = ContactFolder.Fold(empties, Clear);

        Assert.Equal([rows[1].Id], result.Deferred);
        Assert.Equal(empties.Select(r => r.Id), joined.Operation.RowIds);
        Assert.Equal("", joined.Operation.Attributes["city"]);
    }

    [Fact]
    public void Fold_with_ignore_drops_empty_and_null_values_so_earlier_values_stay()
    {
        var rows = new[] { Upsert(("city", "Leeds")), Upsert(("city", ""), ("email", null), ("phone", "+1")) };

        var result = ContactFolder.Fold(rows, Ignore);

        Assert.Equal(new Dictionary<string, string?> { ["city"] = "Leeds", ["phone"] = "+1" }, result.Operation.Attributes);
        Assert.Equal(rows.Select(r => r.Id), result.Operation.RowIds);
    }

    [Fact]
    public void Fold_stops_at_a_second_company_id_as_each_sent_alone_would_create_or_check_its_own_link()
    {
        var rows = new[] { Upsert(("company-id", "co-A")), Upsert(("city", "Rome")), Upsert(("company-id", "co-B")) };

        var result = ContactFolder.Fold(rows, Clear);

        Assert.Equal([rows[0].Id, rows[1].Id], result.Operation.RowIds);
        Assert.Equal([rows[2].Id], result.Deferred);
    }

    [Fact]
    public void Fold_takes_exparams_of_the_newest_row()
    {
        var first = Upsert(("email", "a@x")) with { Exparams = ["old"] };
        var second = Upsert(("city", "Rome")) with { Exparams = ["new"] };

        var result = ContactFolder.Fold([first, second], Clear);

        Assert.Equal(["new"], result.Operation.Exparams);
    }

    [Fact]
    public void Fold_of_no_rows_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ContactFolder.Fold([], Clear));

    private static ValidChange Upsert(params (string Name, string? Value)[] attributes) => Upsert(1, attributes);

    private static ValidChange Upsert(short mode, params (string Name, string? Value)[] attributes) =>
        new(Interlocked.Increment(ref _nextId), "contacts", "k1", ChangeOperation.Upsert,
            attributes.ToDictionary(a => a.Name, a => a.Value), mode, 2, []);

    private static ValidChange Delete() =>
        new(Interlocked.Increment(ref _nextId), "contacts", "k1", ChangeOperation.Delete, new Dictionary<string, string?>(), 1, 2, []);
}
