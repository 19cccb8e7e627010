namespace CampaignSync.Simulator;

/// <summary>A profile (a table of records keyed by <c>key</c>) the simulated tenant has.</summary>
public sealed class SimulatedProfile
{
    /// <summary>Gets or sets the profile name used as <c>profile-name</c>. The default value is the empty string.</summary>
    public string Name { get; set; } = "";

    /// <summary>Gets or sets the profile id used as <c>profile-id</c>. The default value is the empty string.</summary>
    public string Id { get; set; } = "";

    /// <summary>Gets or sets the attribute names a record may carry (besides <c>key</c>). The default value is empty.</summary>
    public List<string> Attributes { get; set; } = [];

    /// <summary>
    /// Gets or sets the data type the metadata call gives an attribute (e.g. <c>number</c>); an attribute not named here
    /// is <c>string</c>. Only the metadata answer shows it: writes take any value. The default value is empty.
    /// </summary>
    public Dictionary<string, string> AttributeTypes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Gets or sets the name of the linked profile, or <see langword="null"/> for none. The default value is <see langword="null"/>.</summary>
    public string? LinkedProfile { get; set; }

    /// <summary>
    /// Gets or sets the attribute whose value is the key of the linked record (e.g. <c>company-id</c>).
    /// The default value is <see langword="null"/>.
    /// </summary>
    public string? LinkAttribute { get; set; }

    internal static List<SimulatedProfile> CreateDefaults() =>
    [
        new()
        {
            Name = "contacts",
            Id = "1",
            Attributes = ["email", "first-name", "last-name", "phone", "city", "country", "company-id"],
            LinkedProfile = "companies",
            LinkAttribute = "company-id",
        },
        new()
        {
            Name = "companies",
            Id = "2",
            Attributes = ["name", "town", "country"],
        },
    ];
}
