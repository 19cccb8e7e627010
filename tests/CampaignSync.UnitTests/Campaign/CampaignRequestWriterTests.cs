using System.Text;
using System.Text.Json;
using CampaignSync.Campaign;

namespace CampaignSync.UnitTests.Campaign;

public sealed class CampaignRequestWriterTests
{
    [Fact]
    public void WriteUpsert_rejects_more_than_ten_exparams()
    {
        var batch = new UpsertBatch("Customers", 1, 2, [.. Enumerable.Range(1, 11).Select(i => $"e{i}")], ["A"], [new UpsertRecord("k1", ["a"])]);

        Assert.Throws<ArgumentException>(() => CampaignRequestWriter.WriteUpsert(batch));
    }

    [Theory]
    [InlineData(3, 2)]
    [InlineData(1, 0)]
    [InlineData(1, 4)]
    public void WriteUpsert_rejects_undocumented_modes(int upsertMode, int updateLink)
    {
        var batch = new UpsertBatch("Customers", upsertMode, updateLink, [], ["A"], [new UpsertRecord("k1", ["a"])]);

        Assert.Throws<ArgumentOutOfRangeException>(() => CampaignRequestWriter.WriteUpsert(batch));
    }

    [Fact]
    public void WriteUpsert_keeps_non_ascii_text_unescaped()
    {
        var batch = new UpsertBatch("Kunden", 1, 2, [], ["NAME"], [new UpsertRecord("k1", ["Zoë Müller"])]);

        var json = Encoding.UTF8.GetString(CampaignRequestWriter.WriteUpsert(batch).Span);

        Assert.Contains("Zoë Müller", json, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteDelete_leaves_out_an_empty_profile_name()
    {
        var json = CampaignRequestWriter.WriteDelete(new ProfileDelete("", "k1", []));

        using var document = JsonDocument.Parse(json);
        Assert.Equal(["key"], document.RootElement.EnumerateObject().Select(p => p.Name));
    }
}
