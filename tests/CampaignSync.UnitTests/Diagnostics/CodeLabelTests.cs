using System.Diagnostics.Metrics;
using CampaignSync.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignSync.UnitTests.Diagnostics;

/// <summary>
/// The <c>code</c> label of <c>campaign_sync.records</c> comes from error files, which a hostile or broken server
/// writes: only short code-shaped values become a label, so a label can carry no e-mail, phone or free text and the
/// number of series stays bounded (issue 15).
/// </summary>
public sealed class CodeLabelTests
{
    [Theory]
    [InlineData("1001", "1001")]
    [InlineData("ERR_RATE.limit-2", "ERR_RATE.limit-2")]
    [InlineData(null, "none")]
    [InlineData("", "none")]
    [InlineData("ada.lovelace@mail.example", "other")]
    [InlineData("+4799912345", "other")]
    [InlineData("Invalid email address", "other")]
    [InlineData("1001\n", "other")]
    [InlineData("A23456789012345678901234567890123", "other")]
    public void The_code_label_is_the_code_only_when_it_is_short_and_code_shaped(string? code, string expected)
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new CampaignSyncMetrics(services.GetRequiredService<IMeterFactory>());
        var labels = new List<string?>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == CampaignSyncMetrics.MeterName && instrument.Name == "campaign_sync.records")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "code")
                {
                    labels.Add(tag.Value as string);
                }
            }
        });
        listener.Start();

        metrics.RecordOutcomes("failed", code, 1);

        Assert.Equal([expected], labels);
    }
}
