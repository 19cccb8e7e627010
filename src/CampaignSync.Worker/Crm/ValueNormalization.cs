namespace CampaignSync.Crm;

/// <summary>How a CRM value is cleaned before it becomes a profile key or attribute value.</summary>
internal enum ValueNormalization
{
    /// <summary>Trimmed only.</summary>
    None,

    /// <summary>Trimmed and lower-cased; a value that is not one plain address counts as invalid.</summary>
    Email,

    /// <summary>Parsed as a phone number and written in E.164 (<c>+393331234567</c>); an unparseable or invalid number counts as invalid.</summary>
    E164,
}
