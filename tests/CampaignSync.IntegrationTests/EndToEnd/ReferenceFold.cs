using System.Text.Json;
using CampaignSync.Outcomes;

namespace CampaignSync.IntegrationTests.EndToEnd;

/// <summary>
/// What Campaign should hold after a run, computed independently of the worker's fold: every row that was sent
/// (succeeded or superseded) and not skipped by its upsert mode, applied in id order; an upsert merges its attributes, a
/// delete removes the profile.
/// </summary>
internal static class ReferenceFold
{
    public static Dictionary<string, Dictionary<string, string>> Of(IEnumerable<OutboxRow> rows)
    {
        var state = new Dictionary<string, Dictionary<string, string>>();
        var applied = rows.Where(r => r.State is "succeeded" or "superseded"
            && r.OutcomeCode is not (RecordError.SkippedExists or RecordError.SkippedMissing));
        foreach (var row in applied.OrderBy(r => r.Id))
        {
            if (row.Operation == "delete")
            {
                state.Remove(row.ProfileKey);
                continue;
            }

            var profile = state.TryGetValue(row.ProfileKey, out var existing) ? existing : state[row.ProfileKey] = [];
            foreach (var (name, value) in JsonSerializer.Deserialize<Dictionary<string, string>>(row.AttributesJson)!)
            {
                profile[name] = value;
            }
        }

        return state;
    }

    /// <summary>Asserts the simulator's profiles equal the fold of the outbox.</summary>
    public static async Task AssertMatchesAsync(PipelineHarness harness)
    {
        var expected = Of(await harness.RowsAsync());
        var actual = await harness.SimulatorProfilesAsync();
        Assert.Equal(expected.Count, actual.Count);
        foreach (var (key, attributes) in expected)
        {
            Assert.Equal(attributes.OrderBy(a => a.Key), actual[key].OrderBy(a => a.Key));
        }
    }

    // Attributes the simulator's default "contacts" profile knows; records of one request share their names.
    private static readonly string[] AttributeNames = ["email", "phone", "city"];

    /// <summary>
    /// Random upserts and deletes over <paramref name="contacts"/> contacts, as (key, operation, attributes JSON). E-mails
    /// and phone numbers look real, so the suite's log scan (<c>SuiteLog</c>) would find any the worker logged.
    /// </summary>
    public static (string Key, string Op, string Json) RandomChange(Random random, int contacts)
    {
        var key = $"contact-{random.Next(contacts)}";
        if (random.Next(10) < 3)
        {
            return (key, "delete", "{}");
        }

        var name = AttributeNames[random.Next(AttributeNames.Length)];
        var number = random.Next(1_000_000);
        var value = name switch
        {
            "email" => $"person.{number}@mail.example",
            "phone" => $"+4790{number:D6}",
            _ => $"v{number}",
        };
        return (key, "upsert", JsonSerializer.Serialize(new Dictionary<string, string> { [name] = value }));
    }
}
