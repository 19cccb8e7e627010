namespace CampaignSync.Submission;

/// <summary>What a status poll needs to know about its batch.</summary>
internal sealed record BatchPollState(long Id, string State, string? RequestId, int RecordCount, int Polls, bool PastDeadline,
    string ProfileName, short UpsertMode)
{
    /// <summary>Only a submitted request can be polled; any other state means an earlier run already finished it.</summary>
    public bool IsPollable => State is "submitted" or "polling" && RequestId is not null;
}
