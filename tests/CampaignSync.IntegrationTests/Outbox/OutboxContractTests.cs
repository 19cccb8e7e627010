using CampaignSync.IntegrationTests.Infrastructure;
using Npgsql;

namespace CampaignSync.IntegrationTests.Outbox;

/// <summary>The outbox contract other teams write to (README, "Writing to the outbox").</summary>
[Trait("Category", "Foundation")]
public sealed class OutboxContractTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Theory]
    [InlineData("operation", "'contacts', 'k', 'merge', '{}'", "outbox_operation_known")]
    [InlineData("blank name", "' ', 'k', 'upsert', '{}'", "outbox_profile_name_not_blank")]
    [InlineData("empty key", "'contacts', '', 'upsert', '{}'", "outbox_profile_key_not_blank")]
    [InlineData("attributes array", "'contacts', 'k', 'upsert', '[1, 2]'", "outbox_attributes_is_object")]
    [InlineData("attributes string", "'contacts', 'k', 'upsert', '\"text\"'", "outbox_attributes_is_object")]
    public async Task Insert_with_a_bad_value_is_rejected_by_its_constraint(string _, string values, string constraint)
    {
        var ex = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(
            $"insert into campaign_sync.outbox (profile_name, profile_key, operation, attributes) values ({values})"));

        Assert.Equal(constraint, ex.ConstraintName);
    }

    [Theory]
    [InlineData("upsert_mode", "3", "outbox_upsert_mode_range")]
    [InlineData("upsert_mode", "-1", "outbox_upsert_mode_range")]
    [InlineData("update_link", "0", "outbox_update_link_range")]
    [InlineData("update_link", "4", "outbox_update_link_range")]
    public async Task Insert_with_a_mode_out_of_range_is_rejected(string column, string value, string constraint)
    {
        var ex = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(
            $"insert into campaign_sync.outbox (profile_name, profile_key, operation, {column}) values ('contacts', 'k', 'upsert', {value})"));

        Assert.Equal(constraint, ex.ConstraintName);
    }

    [Fact]
    public async Task Insert_with_eleven_exparams_is_rejected()
    {
        var ex = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(
            "insert into campaign_sync.outbox (profile_name, profile_key, operation, exparams) " +
            "values ('contacts', 'k', 'upsert', array['1','2','3','4','5','6','7','8','9','10','11'])"));

        Assert.Equal("outbox_exparams_at_most_10", ex.ConstraintName);
    }

    [Fact]
    public async Task The_readme_example_is_accepted_and_wakes_a_listener()
    {
        await using var listener = new NpgsqlConnection(database.ConnectionString);
        await listener.OpenAsync(TestContext.Current.CancellationToken);
        string? channel = null;
        listener.Notification += (_, e) => channel = e.Channel;
        await using (var listen = new NpgsqlCommand("listen campaign_sync_outbox", listener))
        {
            await listen.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        // The README's examples, verbatim.
        await ExecuteAsync("""
            insert into campaign_sync.outbox (profile_name, profile_key, operation, attributes, upsert_mode, update_link, exparams, source)
            values ('contacts', 'C-000123', 'upsert', '{"email": "ada@example.com", "city": "London"}', 1, 2, array['crm-nightly'], 'crm');
            select campaign_sync.enqueue_upsert('contacts', 'C-000124', '{"email": "grace@example.com"}');
            select campaign_sync.enqueue_delete('contacts', 'C-000125');
            """);

        Assert.True(await listener.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken), "No NOTIFY arrived within a minute of the inserts.");
        Assert.Equal("campaign_sync_outbox", channel);
        await using var count = new NpgsqlCommand(
            "select count(*) from campaign_sync.outbox where profile_key in ('C-000123', 'C-000124', 'C-000125') and state = 'pending'",
            listener);
        Assert.Equal(3L, await count.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
