using CampaignSync.ErrorFiles;

namespace CampaignSync.UnitTests.ErrorFiles;

public sealed class ErrorLineTests
{
    [Theory]
    [InlineData(1, 1, 3, 0)]
    [InlineData(3, 1, 3, 2)]
    [InlineData(0, 0, 3, 0)]
    public void TryGetRecordOffset_maps_an_index_inside_the_batch(int index, int indexBase, int recordCount, int expected)
    {
        var inRange = new ErrorLine(index, "1001", "Bad", 2).TryGetRecordOffset(indexBase, recordCount, out var offset);

        Assert.True(inRange);
        Assert.Equal(expected, offset);
    }

    [Theory]
    [InlineData(0, 1, 3)]
    [InlineData(4, 1, 3)]
    [InlineData(3, 0, 3)]
    [InlineData(-1, 1, 3)]
    public void TryGetRecordOffset_rejects_an_index_outside_the_batch(int index, int indexBase, int recordCount) =>
        Assert.False(new ErrorLine(index, "1001", "Bad", 2).TryGetRecordOffset(indexBase, recordCount, out _));

    [Fact]
    public void ToOutOfRangeAnomaly_names_the_index_and_the_valid_range()
    {
        var anomaly = new ErrorLine(7, "1001", "Bad", 9).ToOutOfRangeAnomaly(1, 3);

        Assert.Equal(new ErrorFileAnomaly(9, "Index 7 is outside the batch (1..3).", "1001,Bad,7"), anomaly);
    }
}
