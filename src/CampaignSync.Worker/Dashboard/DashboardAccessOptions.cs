namespace CampaignSync.Dashboard;

/// <summary>
/// Who may open the Hangfire dashboard and who may act in it. Outside Development, anonymous access cannot be
/// configured: start-up refuses (<see cref="DashboardAccessOptionsValidator"/>). Viewers see everything; only the
/// operator role may retry, delete or trigger. Authorization is explicit because a Hangfire release once shipped the
/// dashboard without any by default (CVE-2021-41238).
/// </summary>
internal sealed class DashboardAccessOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>The role that may act in the dashboard; a principal without it sees a read-only dashboard.</summary>
    public const string DefaultOperatorRole = "campaign-sync-operator";

    /// <summary>The role that may see but not act.</summary>
    public const string DefaultViewerRole = "campaign-sync-viewer";

    /// <summary>
    /// None (Development only: local requests, anonymous), Basic, OpenIdConnect or Policy. The default value is None,
    /// so a deployment that forgets this section refuses to start instead of serving an open dashboard.
    /// </summary>
    public DashboardAccessMode Mode { get; set; } = DashboardAccessMode.None;

    /// <summary>The dashboard's path. The default value is "/hangfire".</summary>
    public string Path { get; set; } = "/hangfire";

    /// <summary>Basic mode: the operator's user name (from a secret). No default: a known name is half a credential.</summary>
    public string? OperatorUsername { get; set; }

    /// <summary>Basic mode: the operator's password (from a secret; at least 12 characters). No default.</summary>
    public string? OperatorPassword { get; set; }

    /// <summary>Basic mode: the read-only viewer's user name (from a secret); required with a viewer password. No default.</summary>
    public string? ViewerUsername { get; set; }

    /// <summary>Basic mode: the viewer's password; without it there is no viewer credential. No default.</summary>
    public string? ViewerPassword { get; set; }

    /// <summary>
    /// Policy mode: the name of an authorization policy the host registered with its identity provider's scheme.
    /// No default.
    /// </summary>
    public string? Policy { get; set; }

    /// <summary>
    /// The role that makes a principal an operator (OpenIdConnect and Policy modes: as the identity provider issues
    /// it). The default value is "campaign-sync-operator".
    /// </summary>
    public string OperatorRole { get; set; } = DefaultOperatorRole;

    /// <summary>
    /// The role that lets a principal see the dashboard without acting (Basic mode gives it to the viewer credential;
    /// OpenIdConnect mode admits a person with this role or the operator role, nobody else). The default value is
    /// "campaign-sync-viewer".
    /// </summary>
    public string ViewerRole { get; set; } = DefaultViewerRole;

    /// <summary>OpenIdConnect mode: the provider's issuer URL (its discovery document is below it); https. No default.</summary>
    public string? Authority { get; set; }

    /// <summary>OpenIdConnect mode: the client id registered at the provider. No default.</summary>
    public string? ClientId { get; set; }

    /// <summary>OpenIdConnect mode: the client secret (from a secret). No default.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>OpenIdConnect mode: the ID-token claim that holds the roles. The default value is "roles".</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>
    /// OpenIdConnect mode: the ID-token claim that names the person, recorded as the actor of their operator actions.
    /// The default value is "preferred_username".
    /// </summary>
    public string NameClaim { get; set; } = "preferred_username";

    /// <summary>
    /// Basic mode: wrong credentials one client address may send within <see cref="FailedSignInWindow"/>; past it the
    /// client is answered 429 until the window ends, whatever it sends. The default value is 5.
    /// </summary>
    public int FailedSignInLimit { get; set; } = 5;

    /// <summary>Basic mode: the window of <see cref="FailedSignInLimit"/>, from the first failure. The default value is 15 minutes.</summary>
    public TimeSpan FailedSignInWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Addresses of the proxies (an ingress controller) whose X-Forwarded-For and X-Forwarded-Proto are believed, besides
    /// loopback: the client address the sign-in throttle counts and the https that makes cookies Secure. Default: none.
    /// </summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks (CIDR, e.g. 10.42.0.0/16: the ingress controller's pods) believed as <see cref="KnownProxies"/> are. Default: none.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>Whether the Basic credential holds a viewer as well as the operator.</summary>
    public bool HasViewer => !string.IsNullOrEmpty(ViewerPassword);

    /// <summary>The provider's URL, once validation has accepted <see cref="Authority"/>.</summary>
    public Uri AuthorityUri => new(Authority!, UriKind.Absolute);
}
