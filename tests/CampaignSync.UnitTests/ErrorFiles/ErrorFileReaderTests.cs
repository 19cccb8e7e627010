using System.Text;
using CampaignSync.Campaign;
using CampaignSync.ErrorFiles;
using Microsoft.Extensions.Options;

namespace CampaignSync.UnitTests.ErrorFiles;

/// <summary>Error files that lie quietly (issue 13): the report says it is uncertain instead of blaming a record.</summary>
public sealed class ErrorFileReaderTests
{
    private const string Header = "Code,Description,Index\r\n";

    private static Task<ErrorFileReport> ReadAsync(string text, int recordCount) =>
        new ErrorFileReader(Options.Create(new CampaignOptions())).ReadAsync(
            new MemoryStream(Encoding.UTF8.GetBytes(text)), recordCount, TestContext.Current.CancellationToken);

    [Fact]
    public async Task A_last_line_without_its_line_break_blames_no_record()
    {
        // "1001,Bad,12" may be "1001,Bad,123" cut short: record 12 must not take record 123's failure.
        var report = await ReadAsync(Header + "1001,Bad,1\r\n1001,Bad,12", recordCount: 200);

        Assert.True(report.Uncertain);
        Assert.Equal([1], report.Errors.Select(e => e.Index));
        Assert.Contains(report.Anomalies, a => a.LineNumber == 3);
    }

    [Fact]
    public async Task A_complete_file_with_its_final_line_break_is_certain()
    {
        var report = await ReadAsync(Header + "1001,Bad,1\r\n3005,Missing,12\r\n", recordCount: 200);

        Assert.False(report.Uncertain);
        Assert.Equal([1, 12], report.Errors.Select(e => e.Index));
    }

    [Fact]
    public async Task A_repeated_index_with_different_codes_blames_neither_line()
    {
        var report = await ReadAsync(Header + "1001,Bad email,2\r\n3005,Missing,2\r\n1001,Bad,1\r\n", recordCount: 3);

        Assert.True(report.Uncertain);
        Assert.Equal([1], report.Errors.Select(e => e.Index));
        Assert.Contains(report.Anomalies, a => a.LineNumber == 3);
    }

    [Fact]
    public async Task A_repeated_identical_line_is_noted_but_keeps_the_report_certain()
    {
        var report = await ReadAsync(Header + "1001,Bad,2\r\n1001,Bad,2\r\n", recordCount: 3);

        Assert.False(report.Uncertain);
        Assert.Equal([2], report.Errors.Select(e => e.Index));
        Assert.Single(report.Anomalies);
    }

    [Fact]
    public async Task Anomalies_kept_in_memory_are_capped_and_the_rest_counted()
    {
        var text = new StringBuilder(Header);
        for (var i = 0; i < 50_000; i++)
        {
            text.Append("not a record\r\n");
        }

        var report = await ReadAsync(text.ToString(), recordCount: 10);

        Assert.True(report.Uncertain);
        Assert.Equal(ErrorFileReport.MaxStoredAnomalies + 1, report.Anomalies.Count);
        Assert.Contains("49900 more", report.Anomalies[^1].Reason, StringComparison.Ordinal);
    }
}
