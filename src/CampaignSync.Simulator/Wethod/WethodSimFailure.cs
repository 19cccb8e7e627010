namespace CampaignSync.Simulator.Wethod;

/// <summary>One entry of a 400 answer's <c>failures</c>.</summary>
internal sealed record WethodSimFailure(string Field, string Message);
