namespace CampaignSync.IntegrationTests.Infrastructure;

/// <summary>
/// The one way the integration tests wait: ask <c>probe</c> again and again until <c>done</c> holds, with a generous
/// cap, and fail with what was last seen (and the state <c>describe</c> adds) when the cap is reached. Never a fixed
/// sleep followed by an assertion: a slow or busy machine only makes a test take longer, never fail.
/// </summary>
internal static class Eventually
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Returns the first value of <paramref name="probe"/> for which <paramref name="done"/> holds. The probe may assert
    /// (a worker process that died fails the test at once). After <paramref name="cap"/> it throws a <see cref="TimeoutException"/> naming
    /// <paramref name="what"/>, the last value and <paramref name="describe"/>'s account of the state.
    /// </summary>
    public static async Task<T> UntilAsync<T>(string what, Func<CancellationToken, Task<T>> probe, Func<T, bool> done, TimeSpan cap,
        Func<T, Task<string>>? describe = null)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(cap);
        var last = default(T);
        try
        {
            while (true)
            {
                last = await probe(deadline.Token);
                if (done(last))
                {
                    return last;
                }

                await Task.Delay(Interval, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            var state = describe is null || last is null ? "" : " " + await describe(last);
            throw new TimeoutException($"Waited {cap} for {what}; last seen: {last?.ToString() ?? "nothing"}.{state}");
        }
    }
}
