using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CampaignSync.Dashboard;

/// <summary>
/// Section <c>DataProtection</c>: the certificate that encrypts the Data Protection key ring, which every replica keeps
/// in Postgres (<see cref="PostgresXmlRepository"/>) so that a dashboard form rendered by one replica is accepted by
/// another. Both values are PEM text from a secret (a Kubernetes TLS secret's <c>tls.crt</c> and <c>tls.key</c>).
/// Required outside Development (<see cref="KeyRingOptionsValidator"/>); in Development without them the keys stay
/// where ASP.NET Core puts them by default, which serves one process.
/// </summary>
internal sealed class KeyRingOptions
{
    public const string SectionName = "DataProtection";

    /// <summary>The application name every replica shares: keys and the tokens they protect are isolated by it.</summary>
    public const string ApplicationName = "CampaignSync";

    /// <summary>The certificate (PEM) whose RSA public key encrypts each key before it is stored. No default.</summary>
    public string? Certificate { get; set; }

    /// <summary>The certificate's RSA private key (PEM, unencrypted PKCS#8 or PKCS#1), which decrypts the stored keys. No default.</summary>
    public string? PrivateKey { get; set; }

    /// <summary>Whether either value is set; then both must be valid.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Certificate) || !string.IsNullOrWhiteSpace(PrivateKey);

    /// <summary>The certificate with its private key; null when the values are missing, unreadable or not an RSA pair.</summary>
    public X509Certificate2? TryLoad()
    {
        if (string.IsNullOrWhiteSpace(Certificate) || string.IsNullOrWhiteSpace(PrivateKey))
        {
            return null;
        }

        try
        {
            var certificate = X509Certificate2.CreateFromPem(Certificate, PrivateKey);
            if (certificate.GetRSAPrivateKey() is null)
            {
                certificate.Dispose();
                return null;
            }

            return certificate;
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
