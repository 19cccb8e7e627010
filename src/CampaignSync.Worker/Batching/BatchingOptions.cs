using System.ComponentModel.DataAnnotations;

namespace CampaignSync.Batching;

/// <summary>How folded records are cut into API requests.</summary>
internal sealed class BatchingOptions
{
    public const string SectionName = "Batching";

    /// <summary>Records per async upsert request (1 to 10,000). The default value is 1,000.</summary>
    [Range(1, 10_000)]
    public int MaxRecords { get; set; } = 1_000;

    /// <summary>Upper bound of a request's CSV payload in bytes. The default value is 4 MiB.</summary>
    [Range(1_024, 64 * 1024 * 1024)]
    public int MaxBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Deletes per delete group (each is a single API call). The default value is 100.</summary>
    [Range(1, 10_000)]
    public int MaxDeletes { get; set; } = 100;
}
