using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CampaignSync.Benchmark;

/// <summary>
/// A self-signed RSA pair for section DataProtection, which the worker requires outside Development: the benchmark's
/// worker never serves a dashboard form, so a pair made for this run serves.
/// </summary>
internal static class ThrowawayKeyRing
{
    public static (string Certificate, string PrivateKey) Create()
    {
        using var rsa = RSA.Create(2048);
        var now = TimeProvider.System.GetUtcNow();
        using var certificate = new CertificateRequest("CN=campaign-sync-benchmark", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(now.AddDays(-1), now.AddDays(7));
        return (certificate.ExportCertificatePem(), rsa.ExportPkcs8PrivateKeyPem());
    }
}
