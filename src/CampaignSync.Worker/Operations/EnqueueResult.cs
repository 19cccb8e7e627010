namespace CampaignSync.Operations;

/// <summary>What <c>enqueue --csv</c> did.</summary>
/// <param name="Valid">Lines that passed validation.</param>
/// <param name="Loaded">Rows committed to the outbox (0 when a bad line stopped the load).</param>
/// <param name="Rejections">Every rejected line, in file order.</param>
internal sealed record EnqueueResult(long Valid, long Loaded, IReadOnlyList<CsvRejection> Rejections);
