namespace CampaignSync.Simulator;

/// <summary>How the simulator damages the error file of an async upsert, to test the worker's parser.</summary>
public enum ErrorFileFault
{
    /// <summary>A well-formed file: header <c>Code,Description,Index</c>, CRLF line ends, quoted descriptions.</summary>
    None,

    /// <summary>The real lines plus unparseable lines and a line whose index is past the last record.</summary>
    Malformed,

    /// <summary>The file ends in the middle of its last line (no final line end).</summary>
    Truncated,
}
