namespace CampaignSync.Hosting.Dashboard;

/// <summary>
/// Who may open the Hangfire dashboard and who may act in it. Outside Development, anonymous access cannot be
/// configured: start-up refuses (<see cref="DashboardAccessOptionsValidator"/>). Viewers see everything; only the
/// operator role may retry, delete or trigger (design.md: CVE-2021-41238 is why authorization is explicit).
/// </summary>
internal sealed class DashboardAccessOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>The role that may act in the dashboard; a principal without it sees a read-only dashboard.</summary>
    public const string DefaultOperatorRole = "campaign-sync-operator";

    /// <summary>The role Basic mode gives the viewer credential.</summary>
    public const string DefaultViewerRole = "campaign-sync-viewer";

    /// <summary>
    /// None (Development only: local requests, anonymous), Basic or Policy. The default value is None, so a
    /// deployment that forgets this section refuses to start instead of serving an open dashboard.
    /// </summary>
    public DashboardAccessMode Mode { get; set; } = DashboardAccessMode.None;

    /// <summary>The dashboard's path. The default value is "/hangfire".</summary>
    public string Path { get; set; } = "/hangfire";

    /// <summary>Basic mode: the operator's user name. The default value is "operator".</summary>
    public string OperatorUsername { get; set; } = "operator";

    /// <summary>Basic mode: the operator's password (from a secret; at least 12 characters). No default.</summary>
    public string? OperatorPassword { get; set; }

    /// <summary>Basic mode: the read-only viewer's user name. The default value is "viewer".</summary>
    public string ViewerUsername { get; set; } = "viewer";

    /// <summary>Basic mode: the viewer's password; without it there is no viewer credential. No default.</summary>
    public string? ViewerPassword { get; set; }

    /// <summary>
    /// Policy mode: the name of an authorization policy the host registered with its identity provider's scheme.
    /// No default.
    /// </summary>
    public string? Policy { get; set; }

    /// <summary>
    /// The role claim that makes a principal an operator (Policy mode: as the identity provider issues it).
    /// The default value is "campaign-sync-operator".
    /// </summary>
    public string OperatorRole { get; set; } = DefaultOperatorRole;

    /// <summary>Whether the Basic credential holds a viewer as well as the operator.</summary>
    public bool HasViewer => !string.IsNullOrEmpty(ViewerPassword);
}
