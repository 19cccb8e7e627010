namespace CampaignSync.Cli;

/// <summary>A setting a verb needs is missing or wrong; the message names the key.</summary>
internal sealed class ConfigurationException(string message) : Exception(message);
