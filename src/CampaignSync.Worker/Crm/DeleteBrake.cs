namespace CampaignSync.Crm;

/// <summary>
/// The safety brake (issue 9): a run may delete at most a share of the contacts synced before it, or, when an
/// operator confirmed a braked run, as many as that run would have deleted, whichever is larger.
/// </summary>
internal static class DeleteBrake
{
    /// <summary>True when <paramref name="deletes"/> is more than the run may write without an operator.</summary>
    public static bool Stops(int deletes, int syncedBefore, double share, int confirmedDeletes) =>
        deletes > Math.Max(share * syncedBefore, confirmedDeletes);
}
