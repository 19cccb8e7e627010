using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CampaignSync.Dashboard;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace CampaignSync.UnitTests.Dashboard;

/// <summary>Section DataProtection: the key ring's certificate is required outside Development and must be an RSA pair.</summary>
public sealed class KeyRingOptionsTests
{
    [Fact]
    public void Outside_Development_a_missing_certificate_stops_start_up_naming_both_keys()
    {
        var failures = Validate(Environments.Production, new KeyRingOptions()).Failures!;

        Assert.Contains(failures, f => f.StartsWith("DataProtection:Certificate:", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("DataProtection:PrivateKey:", StringComparison.Ordinal));
    }

    [Fact]
    public void In_Development_no_certificate_is_accepted()
    {
        Assert.True(Validate(Environments.Development, new KeyRingOptions()).Succeeded);
    }

    [Fact]
    public void A_certificate_with_a_key_that_is_not_its_own_is_refused_without_echoing_either()
    {
        var (certificate, _) = NewPair();
        var (_, otherKey) = NewPair();

        var failures = Validate(Environments.Development, new KeyRingOptions { Certificate = certificate, PrivateKey = otherKey }).Failures!;

        var failure = Assert.Single(failures);
        Assert.StartsWith("DataProtection:Certificate:", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("BEGIN", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pem_certificate_and_its_rsa_key_load_with_the_private_key()
    {
        var (certificate, privateKey) = NewPair();
        var options = new KeyRingOptions { Certificate = certificate, PrivateKey = privateKey };

        using var loaded = options.TryLoad();

        Assert.True(Validate(Environments.Production, options).Succeeded);
        Assert.True(loaded?.HasPrivateKey);
    }

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(string environment, KeyRingOptions options) =>
        new KeyRingOptionsValidator(new HostingEnvironment { EnvironmentName = environment }).Validate(null, options);

    private static (string Certificate, string PrivateKey) NewPair()
    {
        using var rsa = RSA.Create(2048);
        var now = TimeProvider.System.GetUtcNow();
        using var certificate = new CertificateRequest("CN=key-ring-test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(now.AddDays(-1), now.AddDays(1));
        return (certificate.ExportCertificatePem(), rsa.ExportPkcs8PrivateKeyPem());
    }
}
