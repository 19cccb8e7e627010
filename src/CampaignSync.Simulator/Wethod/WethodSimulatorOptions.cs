namespace CampaignSync.Simulator.Wethod;

/// <summary>
/// The simulated Wethod tenant (docs/wethod-crm-api.md): credentials, company, pinned version and seed data.
/// Bound from the section <see cref="SectionName"/> when standalone. Faults that change at runtime live on
/// <see cref="WethodFaults"/> (<see cref="WethodSimulatorHost.Faults"/>).
/// </summary>
public sealed class WethodSimulatorOptions
{
    /// <summary>The configuration section the standalone Wethod simulator binds.</summary>
    public const string SectionName = "WethodSimulator";

    /// <summary>The default token (permissions <c>crm.view</c> and <c>crm.edit</c>).</summary>
    public const string DefaultToken = "wethod-dev-token";

    /// <summary>The default company slug.</summary>
    public const string DefaultCompany = "acme";

    /// <summary>The only version the simulator accepts, as the docs' clients pin it.</summary>
    public const string DefaultApiVersion = "2024-06-15";

    /// <summary>Gets or sets the token with both CRM permissions. The default value is <c>wethod-dev-token</c>.</summary>
    public string Token { get; set; } = DefaultToken;

    /// <summary>Gets or sets tokens that may read (<c>crm.view</c>) but not write: writes answer 403. The default value is empty.</summary>
    public List<string> ViewOnlyTokens { get; set; } = [];

    /// <summary>Gets or sets the company slug expected in <c>Wethod-Company</c>. The default value is <c>acme</c>.</summary>
    public string Company { get; set; } = DefaultCompany;

    /// <summary>Gets or sets the version expected in <c>Wethod-Version</c>. The default value is <c>2024-06-15</c>.</summary>
    public string ApiVersion { get; set; } = DefaultApiVersion;

    /// <summary>Gets or sets how many clients (companies) are created at start. The default value is 0.</summary>
    public int SeedClients { get; set; }

    /// <summary>
    /// Gets or sets how many contacts are created at start, spread over the seeded clients, with mixed-case e-mails and
    /// phone numbers in several national and international formats. The default value is 0.
    /// </summary>
    public int SeedContacts { get; set; }
}
