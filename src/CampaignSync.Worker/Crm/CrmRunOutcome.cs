namespace CampaignSync.Crm;

/// <summary>How a CRM sync run ended.</summary>
internal enum CrmRunOutcome
{
    /// <summary>Its rows, snapshot and state were written in one transaction.</summary>
    Succeeded,

    /// <summary>A dry run: everything was read and planned, nothing was written.</summary>
    DryRun,

    /// <summary>Another run holds the run lock; this one did not start.</summary>
    Busy,

    /// <summary>A read failed after its retries; the run is failed and wrote nothing.</summary>
    ReadFailed,

    /// <summary>The run would delete more than the brake allows; it is failed and waits for a confirmation.</summary>
    Braked,

    /// <summary><c>--confirm-deletes</c> named a run that is not waiting at the brake.</summary>
    NotConfirmable,
}
