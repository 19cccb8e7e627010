using CampaignSync.Simulator;

namespace CampaignSync.Benchmark;

/// <summary>
/// The tenant the benchmark drains into: one profile with ten attributes, and a key rule that fails about 1% of the
/// contacts with an error-file line, so error files are produced and streamed at scale.
/// </summary>
internal static class BenchmarkWorkload
{
    public const string Profile = "contacts";

    /// <summary>Keys with this prefix fail with code 1001 in the error file (about one contact in a hundred).</summary>
    public const string BouncingKeyPrefix = "bounce-";

    public static readonly string[] Attributes =
        ["email", "first-name", "last-name", "phone", "street", "postcode", "city", "country", "language", "segment"];

    /// <summary>Zero added latency, no throttling (unless <paramref name="requestsPerSecond"/>), the default processing delay.</summary>
    public static SimulatorOptions SimulatorOptions(int requestsPerSecond = 0) => new()
    {
        RequestsPerSecond = requestsPerSecond,
        Profiles = [new SimulatedProfile { Name = Profile, Id = "1", Attributes = [.. Attributes] }],
        KeyFailureRules = [new KeyFailureRule("^" + BouncingKeyPrefix, "1001", "Invalid email address")],
    };
}
