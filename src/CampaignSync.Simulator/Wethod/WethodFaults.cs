namespace CampaignSync.Simulator.Wethod;

/// <summary>
/// Faults of the simulated Wethod API, safe to change while requests are in flight (tests change them at runtime).
/// </summary>
public sealed class WethodFaults
{
    private readonly Lock _lock = new();
    private readonly HashSet<int> _failingContactOffsets = [];
    private readonly HashSet<long> _hiddenContacts = [];
    private int _throttles;
    private int _serverErrors;

    /// <summary>Gets or sets the seconds announced in <c>x-ratelimit-retry-after</c> on a 429. The default value is 1.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>The next <paramref name="count"/> API calls answer 429 with <c>x-ratelimit-retry-after</c>.</summary>
    public void ThrottleNext(int count) => Interlocked.Exchange(ref _throttles, count);

    /// <summary>The next <paramref name="count"/> API calls answer 503 with an HTML body (5xx bodies are not documented).</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _serverErrors, count);

    /// <summary>Every request for the contact page at <paramref name="offset"/> answers 500 until <see cref="Clear"/>.</summary>
    public void FailContactPageAt(int offset)
    {
        lock (_lock)
        {
            _failingContactOffsets.Add(offset);
        }
    }

    /// <summary>
    /// The contact is left out of list pages but still found by <c>GET /api/contacts/{id}</c>: the row that offset
    /// paging skips when the table changes under it.
    /// </summary>
    public void HideFromLists(long contactId)
    {
        lock (_lock)
        {
            _hiddenContacts.Add(contactId);
        }
    }

    /// <summary>Removes every fault.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _failingContactOffsets.Clear();
            _hiddenContacts.Clear();
        }

        ThrottleNext(0);
        FailNext(0);
    }

    internal bool TakeThrottle() => TakeOne(ref _throttles);

    internal bool TakeServerError() => TakeOne(ref _serverErrors);

    internal bool FailsContactPage(int offset)
    {
        lock (_lock)
        {
            return _failingContactOffsets.Contains(offset);
        }
    }

    internal bool IsHidden(long contactId)
    {
        lock (_lock)
        {
            return _hiddenContacts.Contains(contactId);
        }
    }

    private static bool TakeOne(ref int counter)
    {
        while (true)
        {
            var current = Volatile.Read(ref counter);
            if (current <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref counter, current - 1, current) == current)
            {
                return true;
            }
        }
    }
}
