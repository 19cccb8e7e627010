namespace CampaignSync.Operations;

/// <summary>The COPY of <c>enqueue --csv</c>; <see cref="EnqueueStore"/> is its only caller.</summary>
internal static class EnqueueSql
{
    /// <summary>The contract columns, in the order <see cref="EnqueueStore"/> writes them.</summary>
    public const string CopyIn = """
        copy campaign_sync.outbox (profile_name, profile_key, operation, attributes, upsert_mode, update_link, exparams, source, lane)
        from stdin (format binary)
        """;
}
