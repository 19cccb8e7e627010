using System.Globalization;

namespace CampaignSync.ErrorFiles;

/// <summary>One readable line of an error file: the record at <paramref name="Index"/> failed with this code.</summary>
/// <param name="Index">The record's index as the file gives it (see <see cref="TryGetRecordOffset"/>).</param>
/// <param name="Code">The API's code, trimmed.</param>
/// <param name="Description">The API's description, unquoted and unescaped.</param>
/// <param name="LineNumber">The 1-based physical line the record starts on.</param>
internal sealed record ErrorLine(int Index, string Code, string Description, long LineNumber) : ErrorFileEntry(LineNumber)
{
    /// <summary>
    /// Maps <see cref="Index"/> to the 0-based position of the record in its batch. False when the index points
    /// outside the batch; the caller then reports <see cref="ToOutOfRangeAnomaly"/> instead of dropping the line.
    /// </summary>
    /// <param name="indexBase">The index of the first record (<c>Campaign:ErrorFileIndexBase</c>, 1 by default).</param>
    /// <param name="recordCount">How many records the batch sent.</param>
    public bool TryGetRecordOffset(int indexBase, int recordCount, out int offset)
    {
        offset = Index - indexBase;
        return offset >= 0 && offset < recordCount;
    }

    /// <summary>The anomaly that reports this line when its index is outside the batch.</summary>
    public ErrorFileAnomaly ToOutOfRangeAnomaly(int indexBase, int recordCount) => new(
        LineNumber,
        string.Create(CultureInfo.InvariantCulture, $"Index {Index} is outside the batch ({indexBase}..{indexBase + recordCount - 1})."),
        ErrorFileAnomaly.Truncate(string.Create(CultureInfo.InvariantCulture, $"{Code},{Description},{Index}")));
}
