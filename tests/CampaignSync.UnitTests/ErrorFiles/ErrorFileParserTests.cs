using System.Text;
using CampaignSync.Campaign;
using CampaignSync.ErrorFiles;

namespace CampaignSync.UnitTests.ErrorFiles;

public sealed class ErrorFileParserTests
{
    private const string Header = "Code,Description,Index\r\n";

    private static async Task<List<ErrorFileEntry>> ParseAsync(string text, bool byteOrderMark = false)
    {
        var bytes = new UTF8Encoding(byteOrderMark).GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();
        using var stream = new MemoryStream(bytes);
        var entries = new List<ErrorFileEntry>();
        await foreach (var entry in ErrorFileParser.ParseAsync(stream, int.MaxValue, TestContext.Current.CancellationToken))
        {
            entries.Add(entry);
        }

        return entries;
    }

    [Fact]
    public async Task Parse_reads_unquoted_lines_and_trims_spaces_around_fields()
    {
        var entries = await ParseAsync(Header + "123 , Failed, 1\r\n7031 ,Profile mismatch , 2 \r\n");

        Assert.Equal([new ErrorLine(1, "123", "Failed", 2), new ErrorLine(2, "7031", "Profile mismatch", 3)], entries);
    }

    [Fact]
    public async Task Parse_accepts_quoted_descriptions_with_commas_inside()
    {
        var entries = await ParseAsync(Header + "1001, \"Invalid value, expected a date\" ,3\r\n");

        Assert.Equal([new ErrorLine(3, "1001", "Invalid value, expected a date", 2)], entries);
    }

    [Fact]
    public async Task Parse_accepts_doubled_quotes_as_escaped_quotes()
    {
        var entries = await ParseAsync(Header + "1001,\"Attribute \"\"EMAIL\"\" is invalid\",4\r\n");

        Assert.Equal([new ErrorLine(4, "1001", "Attribute \"EMAIL\" is invalid", 2)], entries);
    }

    [Fact]
    public async Task Parse_accepts_backslash_escaped_quotes()
    {
        var entries = await ParseAsync(Header + "1001,\"Attribute \\\"EMAIL\\\", is invalid\",5\r\n");

        Assert.Equal([new ErrorLine(5, "1001", "Attribute \"EMAIL\", is invalid", 2)], entries);
    }

    [Fact]
    public async Task Parse_keeps_a_trailing_backslash_when_it_cannot_be_an_escape()
    {
        var entries = await ParseAsync(Header + "1001,\"Path C:\\dir\\\",6\r\n");

        Assert.Equal([new ErrorLine(6, "1001", "Path C:\\dir\\", 2)], entries);
    }

    [Fact]
    public async Task Parse_accepts_lf_line_endings()
    {
        var entries = await ParseAsync("Code,Description,Index\n1,A,1\n2,B,2\n");

        Assert.Equal([new ErrorLine(1, "1", "A", 2), new ErrorLine(2, "2", "B", 3)], entries);
    }

    [Fact]
    public async Task Parse_reports_a_last_record_without_its_line_break_as_an_anomaly()
    {
        // "2,B,2" may be "2,B,23" cut short: issue 13, an error file must not blame the wrong record.
        var entries = await ParseAsync("Code,Description,Index\n1,A,1\n2,B,2");

        Assert.Equal(new ErrorLine(1, "1", "A", 2), entries[0]);
        var anomaly = Assert.IsType<ErrorFileAnomaly>(entries[1]);
        Assert.Equal((3, "2,B,2"), (anomaly.LineNumber, anomaly.RawText));
    }

    [Fact]
    public async Task Parse_stops_past_the_line_limit()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Header + "1,A,1\r\n2,B,2\r\n"));

        var error = await Assert.ThrowsAsync<ErrorFileRejectedException>(async () =>
        {
            await foreach (var _ in ErrorFileParser.ParseAsync(stream, maxLines: 2, TestContext.Current.CancellationToken))
            {
            }
        });

        Assert.Contains("more than 2 lines", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parse_tolerates_a_byte_order_mark_and_a_header_in_any_case()
    {
        var entries = await ParseAsync(" code , DESCRIPTION ,index\r\n1,A,1\r\n", byteOrderMark: true);

        Assert.Equal([new ErrorLine(1, "1", "A", 2)], entries);
    }

    [Fact]
    public async Task Parse_reads_a_quoted_description_that_spans_lines()
    {
        var entries = await ParseAsync(Header + "1001,\"first\r\nsecond\",7\r\n2,B,8\r\n");

        Assert.Equal([new ErrorLine(7, "1001", "first\nsecond", 2), new ErrorLine(8, "2", "B", 4)], entries);
    }

    [Fact]
    public async Task Parse_reports_a_line_with_extra_columns()
    {
        var entries = await ParseAsync(Header + "1001,Bad,9,extra\r\n2,B,10\r\n");

        var anomaly = Assert.IsType<ErrorFileAnomaly>(entries[0]);
        Assert.Equal(2, anomaly.LineNumber);
        Assert.Equal("Expected 3 fields, found 4.", anomaly.Reason);
        Assert.Equal("1001,Bad,9,extra", anomaly.RawText);
        Assert.Equal(new ErrorLine(10, "2", "B", 3), entries[1]);
    }

    [Fact]
    public async Task Parse_reports_a_line_with_too_few_fields()
    {
        var entries = await ParseAsync(Header + "1001,Bad\r\n");

        Assert.Equal("Expected 3 fields, found 2.", Assert.IsType<ErrorFileAnomaly>(Assert.Single(entries)).Reason);
    }

    [Fact]
    public async Task Parse_reports_a_non_integer_index()
    {
        var entries = await ParseAsync(Header + "1001,Bad,first\r\n");

        Assert.Equal("The index 'first' is not an integer.", Assert.IsType<ErrorFileAnomaly>(Assert.Single(entries)).Reason);
    }

    [Fact]
    public async Task Parse_reports_a_quote_left_open_at_the_end_of_a_truncated_file()
    {
        var entries = await ParseAsync(Header + "1,A,1\r\n1001,\"Invalid val");

        Assert.Equal(new ErrorLine(1, "1", "A", 2), entries[0]);
        var anomaly = Assert.IsType<ErrorFileAnomaly>(entries[1]);
        Assert.Equal(3, anomaly.LineNumber);
        Assert.Equal("A quoted field is not closed before the end of the file.", anomaly.Reason);
        Assert.Equal("1001,\"Invalid val", anomaly.RawText);
    }

    [Fact]
    public async Task Parse_does_not_swallow_good_lines_after_an_unclosed_quote()
    {
        var entries = await ParseAsync(Header + "1001,\"Broken,1\r\n2,B,2\r\n3,C,3\r\n");

        Assert.Equal("A quoted field is not closed.", Assert.IsType<ErrorFileAnomaly>(entries[0]).Reason);
        Assert.Equal([new ErrorLine(2, "2", "B", 3), new ErrorLine(3, "3", "C", 4)], entries.Skip(1));
    }

    [Fact]
    public async Task Parse_reports_text_after_a_closing_quote()
    {
        var entries = await ParseAsync(Header + "1001,\"Bad\" value,1\r\n");

        Assert.Equal("Text follows a closing quote.", Assert.IsType<ErrorFileAnomaly>(Assert.Single(entries)).Reason);
    }

    [Fact]
    public async Task Parse_reports_a_wrong_header_and_reads_lines_in_the_documented_order()
    {
        var entries = await ParseAsync("Error,Text,Row\r\n1,A,1\r\n");

        var anomaly = Assert.IsType<ErrorFileAnomaly>(entries[0]);
        Assert.Equal(1, anomaly.LineNumber);
        Assert.StartsWith("Wrong header", anomaly.Reason, StringComparison.Ordinal);
        Assert.Equal(new ErrorLine(1, "1", "A", 2), entries[1]);
    }

    [Fact]
    public async Task Parse_reports_a_missing_header_but_keeps_the_first_line_as_a_record()
    {
        var entries = await ParseAsync("123 , Failed, 1\r\n");

        Assert.IsType<ErrorFileAnomaly>(entries[0]);
        Assert.Equal(new ErrorLine(1, "123", "Failed", 1), entries[1]);
    }

    [Fact]
    public async Task Parse_maps_columns_by_header_name_and_reports_extra_header_columns()
    {
        var entries = await ParseAsync("Index,Code,Description,Extra\r\n4,1001,Bad,x\r\n");

        Assert.StartsWith("The header has 1 extra column(s)", Assert.IsType<ErrorFileAnomaly>(entries[0]).Reason, StringComparison.Ordinal);
        Assert.Equal(new ErrorLine(4, "1001", "Bad", 2), entries[1]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r\n\r\n")]
    public async Task Parse_reports_an_empty_file(string text)
    {
        var entries = await ParseAsync(text, byteOrderMark: true);

        var anomaly = Assert.IsType<ErrorFileAnomaly>(Assert.Single(entries));
        Assert.Equal(0, anomaly.LineNumber);
    }

    [Fact]
    public async Task Parse_of_a_header_only_file_yields_nothing()
    {
        Assert.Empty(await ParseAsync(Header));
    }

    [Fact]
    public async Task Parse_skips_blank_lines_between_records()
    {
        var entries = await ParseAsync(Header + "1,A,1\r\n\r\n  \r\n2,B,2\r\n");

        Assert.Equal([new ErrorLine(1, "1", "A", 2), new ErrorLine(2, "2", "B", 5)], entries);
    }

    [Fact]
    public async Task Parse_truncates_the_raw_text_of_a_long_bad_line()
    {
        var entries = await ParseAsync(Header + new string('x', 500) + "\r\n");

        var anomaly = Assert.IsType<ErrorFileAnomaly>(Assert.Single(entries));
        Assert.Equal(ErrorFileAnomaly.MaxRawTextLength + 1, anomaly.RawText.Length);
        Assert.EndsWith("…", anomaly.RawText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parse_reports_a_line_longer_than_the_limit_without_loading_it()
    {
        var entries = await ParseAsync(Header + new string('x', ErrorFileParser.MaxLineLength + 10) + "\r\n1,A,1\r\n");

        Assert.StartsWith("The line is longer than", Assert.IsType<ErrorFileAnomaly>(entries[0]).Reason, StringComparison.Ordinal);
        Assert.Equal(new ErrorLine(1, "1", "A", 3), entries[1]);
    }

    [Fact]
    public async Task Parse_reads_a_file_larger_than_the_read_buffer()
    {
        var text = new StringBuilder(Header);
        for (var i = 1; i <= 5000; i++)
        {
            text.Append("1001,\"Bad value\",").Append(i).Append("\r\n");
        }

        var entries = await ParseAsync(text.ToString());

        Assert.Equal(5000, entries.Count);
        Assert.All(entries, e => Assert.IsType<ErrorLine>(e));
        Assert.Equal(new ErrorLine(5000, "1001", "Bad value", 5001), entries[^1]);
    }
}
