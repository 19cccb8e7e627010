namespace CampaignSync.Simulator.Wethod;

/// <summary>The documented error body: <c>key</c>, <c>message</c>, and on 400 <c>failures</c>.</summary>
internal sealed record WethodSimError(string Key, string Message, IReadOnlyList<WethodSimFailure>? Failures = null);
