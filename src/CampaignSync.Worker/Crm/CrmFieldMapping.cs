namespace CampaignSync.Crm;

/// <summary>One CRM field and how its value is normalised; the source of the profile key or of one attribute.</summary>
internal sealed class CrmFieldMapping
{
    /// <summary>
    /// Gets or sets the CRM field: a contact field (<c>email</c>, <c>name</c>, <c>telephone</c>, …) or a field of the
    /// contact's client prefixed with <c>client.</c> (<c>client.corporate_name</c>, <c>client.town</c>, …); the list
    /// is <see cref="ContactFields.Names"/>. The default value is the empty string: it is required.
    /// </summary>
    public string Field { get; set; } = "";

    /// <summary>Gets or sets the normalisation of the value. The default value is <see cref="ValueNormalization.None"/>.</summary>
    public ValueNormalization Normalize { get; set; } = ValueNormalization.None;
}
