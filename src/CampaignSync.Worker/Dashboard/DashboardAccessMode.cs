namespace CampaignSync.Dashboard;

/// <summary>How the Hangfire dashboard authenticates its users (<c>Dashboard:Mode</c>).</summary>
internal enum DashboardAccessMode
{
    /// <summary>No authentication: local requests only, and only in the Development environment.</summary>
    None,

    /// <summary>HTTP Basic with an operator and an optional viewer credential from configuration (a secret).</summary>
    Basic,

    /// <summary>
    /// Sign-in at an OpenID Connect provider, configured by the Dashboard section alone: each person signs in as
    /// themselves, and their role claim makes them a viewer or an operator.
    /// </summary>
    OpenIdConnect,

    /// <summary>A named ASP.NET Core authorization policy, for an identity provider the host has registered.</summary>
    Policy,
}
