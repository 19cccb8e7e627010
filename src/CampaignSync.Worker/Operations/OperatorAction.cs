namespace CampaignSync.Operations;

/// <summary>What an operator does to failed and dead rows.</summary>
internal enum OperatorAction
{
    /// <summary>Back to pending with attempts reset, so the worker sends them again.</summary>
    Retry,

    /// <summary>Kept final, marked with outcome code <c>discarded</c>: nobody will retry them by code again.</summary>
    Discard,
}
