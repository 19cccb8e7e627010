using CampaignSync.Campaign;

namespace CampaignSync.UnitTests.Campaign;

public sealed class CampaignCsvWriterTests
{
    private static UpsertBatch Batch(params UpsertRecord[] records) =>
        new("Customers", 1, 2, [], ["NOTE"], records);

    [Fact]
    public void Write_quotes_values_with_leading_or_trailing_spaces()
    {
        var csv = CampaignCsvWriter.Write(Batch(new UpsertRecord("k1", [" padded "])));

        Assert.Equal("key,NOTE\r\nk1,\" padded \"\r\n", csv);
    }

    [Fact]
    public void Write_ends_every_line_with_crlf_even_for_a_value_with_carriage_return()
    {
        var csv = CampaignCsvWriter.Write(Batch(new UpsertRecord("k1", ["a\rb"])));

        Assert.Equal("key,NOTE\r\nk1,\"a\rb\"\r\n", csv);
    }

    [Fact]
    public void Write_rejects_a_record_whose_values_do_not_match_the_attribute_names() =>
        Assert.Throws<ArgumentException>(() => CampaignCsvWriter.Write(Batch(new UpsertRecord("k1", ["a", "b"]))));
}
