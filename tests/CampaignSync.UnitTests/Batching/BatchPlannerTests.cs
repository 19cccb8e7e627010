using CampaignSync.Batching;
using CampaignSync.Folding;
using CampaignSync.Outbox;

namespace CampaignSync.UnitTests.Batching;

public sealed class BatchPlannerTests
{
    [Fact]
    public void Plan_cuts_a_group_at_the_record_limit_and_keeps_input_order()
    {
        var records = Enumerable.Range(0, 25).Select(i => Upsert($"k{i}", ("email", "x"))).ToList();

        var batches = BatchPlanner.Plan(records, new BatchingOptions { MaxRecords = 10 });

        Assert.Equal([10, 10, 5], batches.Select(b => b.Records.Count));
        Assert.Equal(records, batches.SelectMany(b => b.Records));
    }

    [Fact]
    public void Plan_separates_different_attribute_sets_modes_and_operations()
    {
        var records = new[]
        {
            Upsert("a", ("email", "x")),
            Upsert("b", ("email", "x"), ("city", "y")),
            Upsert("c", ("email", "x")) with { UpsertMode = 0 },
            Upsert("d", ("email", "x")) with { UpdateLink = 3 },
            Upsert("e", ("email", "x")) with { ProfileName = "companies" },
            Upsert("f", ("email", "x")) with { Exparams = ["audit"] },
            Delete("g"),
            Upsert("h", ("email", "z")),
        };

        var batches = BatchPlanner.Plan(records, new BatchingOptions());

        Assert.Equal(7, batches.Count);
        Assert.Equal(["a", "h"], batches[0].Records.Select(r => r.ProfileKey));
        Assert.Equal(["city", "email"], batches[1].AttributeNames);
        Assert.Empty(batches.Single(b => b.Operation == ChangeOperation.Delete).AttributeNames);
    }

    [Fact]
    public void Plan_cuts_at_the_byte_limit()
    {
        var big = new string('v', 600);
        var records = Enumerable.Range(0, 4).Select(i => Upsert($"k{i}", ("note", big))).ToList();

        var batches = BatchPlanner.Plan(records, new BatchingOptions { MaxBytes = 2_600 });

        Assert.True(batches.Count >= 2);
        Assert.All(batches, b => Assert.NotEmpty(b.Records));
        Assert.Equal(4, batches.Sum(b => b.Records.Count));
    }

    [Fact]
    public void Plan_keeps_a_record_larger_than_the_byte_limit_alone_rather_than_dropping_it()
    {
        var records = new[] { Upsert("k1", ("note", new string('v', 5_000))) };

        var batches = BatchPlanner.Plan(records, new BatchingOptions { MaxBytes = 1_024 });

        Assert.Single(Assert.Single(batches).Records);
    }

    [Fact]
    public void Plan_cuts_deletes_at_their_own_limit()
    {
        var records = Enumerable.Range(0, 7).Select(i => Delete($"k{i}")).ToList();

        var batches = BatchPlanner.Plan(records, new BatchingOptions { MaxDeletes = 3 });

        Assert.Equal([3, 3, 1], batches.Select(b => b.Records.Count));
    }

    private static ContactOperation Upsert(string key, params (string Name, string? Value)[] attributes) =>
        new("contacts", key, ChangeOperation.Upsert, 1, 2, [], attributes.ToDictionary(a => a.Name, a => a.Value), [1]);

    private static ContactOperation Delete(string key) =>
        new("contacts", key, ChangeOperation.Delete, 1, 2, [], new Dictionary<string, string?>(), [1]);
}
