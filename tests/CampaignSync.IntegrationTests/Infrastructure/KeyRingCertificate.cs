using CampaignSync.Benchmark;

namespace CampaignSync.IntegrationTests.Infrastructure;

/// <summary>
/// The certificate that encrypts the Data Protection key ring of every worker the tests start (required outside
/// Development): one self-signed RSA pair per test run (the benchmark's <see cref="ThrowawayKeyRing"/>), as PEM text,
/// its private key registered as a secret of the suite log.
/// </summary>
internal static class KeyRingCertificate
{
    private static readonly Lazy<(string Certificate, string PrivateKey)> Pair = new(Create);

    /// <summary>The settings of section DataProtection, with ':' (host configuration) or "__" (environment) between names.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Settings(string separator) =>
    [
        KeyValuePair.Create($"DataProtection{separator}Certificate", Pair.Value.Certificate),
        KeyValuePair.Create($"DataProtection{separator}PrivateKey", Pair.Value.PrivateKey),
    ];

    /// <summary>Adds section DataProtection to a host's settings and returns them.</summary>
    public static Dictionary<string, string?> AddTo(Dictionary<string, string?> settings)
    {
        foreach (var (key, value) in Settings(":"))
        {
            settings[key] = value;
        }

        return settings;
    }

    private static (string, string) Create()
    {
        var (certificate, privateKey) = ThrowawayKeyRing.Create();
        SuiteLog.RegisterSecret(privateKey);
        return (certificate, privateKey);
    }
}
