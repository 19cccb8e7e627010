using System.Globalization;

namespace CampaignSync.Simulator.Wethod;

/// <summary>
/// The list parameters every list shares: <c>limit</c> 1..100 (default 100) and <c>offset</c> from 0 (default 0).
/// A bad value is a 400 with one failure per field.
/// </summary>
internal static class WethodPaging
{
    public const int MaxLimit = 100;

    public static (int Limit, int Offset) Read(HttpRequest request, List<WethodSimFailure> failures)
    {
        var limit = ReadInt(request, "limit", MaxLimit, 1, MaxLimit, failures);
        var offset = ReadInt(request, "offset", 0, 0, int.MaxValue, failures);
        return (limit, offset);
    }

    public static int ReadInt(HttpRequest request, string name, int fallback, int min, int max, List<WethodSimFailure> failures)
    {
        var text = request.Query[name].ToString();
        if (text.Length == 0)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        failures.Add(new WethodSimFailure(name, string.Create(CultureInfo.InvariantCulture, $"must be an integer between {min} and {max}")));
        return fallback;
    }
}
