using System.Net;
using CampaignSync.Dashboard.Pages;
using CampaignSync.Hosting;
using CampaignSync.Operations;
using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CampaignSync.Dashboard;

/// <summary>
/// The Hangfire dashboard's access: the Dashboard section, its validation at start, the Basic scheme or the OpenID
/// Connect sign-in, forwarded headers from known proxies, and the endpoint with its authorization and read-only rule;
/// and the Campaign Sync pages inside it.
/// </summary>
internal static class DashboardServiceCollectionExtensions
{
    /// <summary>The authorization policy of Basic mode: the operator or the viewer credential.</summary>
    public const string BasicPolicyName = "CampaignSyncDashboardBasic";

    /// <summary>The authorization policy of OpenIdConnect mode: a signed-in person with the viewer or the operator role.</summary>
    public const string OpenIdConnectPolicyName = "CampaignSyncDashboardOpenIdConnect";

    /// <summary>The cookie that holds an OpenIdConnect sign-in.</summary>
    public const string CookieSchemeName = "CampaignSyncDashboardCookie";

    public const string OpenIdConnectSchemeName = "CampaignSyncDashboardOpenIdConnect";

    public static IHostApplicationBuilder AddDashboard(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IValidateOptions<DashboardAccessOptions>, DashboardAccessOptionsValidator>();
        builder.Services.AddSingleton<IValidateOptions<DashboardAccessOptions>>(sp => new SecureBaseUrlValidator<DashboardAccessOptions>(
            sp.GetRequiredService<IHostEnvironment>(), $"{DashboardAccessOptions.SectionName}:Authority",
            o => o.Mode == DashboardAccessMode.OpenIdConnect ? o.Authority : null));
        builder.Services.AddOptions<DashboardAccessOptions>().BindConfiguration(DashboardAccessOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<SignInThrottle>();
        var authentication = builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, DashboardBasicAuthenticationHandler>(DashboardBasicAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder().AddPolicy(BasicPolicyName, policy => policy
            .AddAuthenticationSchemes(DashboardBasicAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser());
        // The provider's handler runs on every request once registered (it watches for its callback), so it is
        // registered only in its mode, from the section as configured now; start-up validates it before any request.
        var configured = builder.Configuration.GetSection(DashboardAccessOptions.SectionName).Get<DashboardAccessOptions>() ?? new();
        if (configured.Mode == DashboardAccessMode.OpenIdConnect)
        {
            AddOpenIdConnect(builder.Services, authentication, configured);
        }

        // X-Forwarded-For and X-Forwarded-Proto from loopback and the configured proxies only: the sign-in throttle
        // counts the real client, and behind a TLS ingress the request is https, so cookies are Secure.
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<DashboardAccessOptions>>((forwarded, access) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            access.Value.KnownProxies.ForEach(p => forwarded.KnownProxies.Add(IPAddress.Parse(p)));
            access.Value.KnownNetworks.ForEach(n => forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(n)));
        });
        // With antiforgery registered, Hangfire's dashboard middleware refuses a POST without a valid token (its own
        // pages send it as a header, ours as a form field): a browser sends Basic credentials to any site's form, so
        // without it another page could make an operator's browser retry or discard. The cookie is Secure whenever the
        // request is https, as a known proxy's X-Forwarded-Proto makes it.
        builder.Services.AddAntiforgery(antiforgery => antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        builder.AddSharedKeyRing();
        builder.Services.AddSingleton<DashboardStore>();
        builder.Services.AddSingleton<OperatorActionStore>();
        return builder;
    }

    /// <summary>
    /// The Data Protection key ring that signs the antiforgery tokens: in Postgres, encrypted with the configured
    /// certificate, under one application name, so any replica (or a restarted one) accepts any replica's forms.
    /// Invalid or missing settings register nothing here; <see cref="KeyRingOptionsValidator"/> then stops start-up.
    /// </summary>
    private static void AddSharedKeyRing(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IValidateOptions<KeyRingOptions>, KeyRingOptionsValidator>();
        builder.Services.AddOptions<KeyRingOptions>().BindConfiguration(KeyRingOptions.SectionName).ValidateOnStart();
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName(KeyRingOptions.ApplicationName);
        if (builder.Configuration.GetSection(KeyRingOptions.SectionName).Get<KeyRingOptions>()?.TryLoad() is { } certificate)
        {
            dataProtection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
            builder.Services.AddOptions<KeyManagementOptions>()
                .Configure<NpgsqlDataSource>((options, dataSource) => options.XmlRepository = new PostgresXmlRepository(dataSource));
        }
    }

    /// <summary>
    /// Maps the dashboard. Mode None keeps Hangfire's own local-requests-only filter (validation allows it only in
    /// Development); Basic, OpenIdConnect and Policy hand authorization to ASP.NET Core, and only the operator role may act.
    /// </summary>
    public static void MapDashboard(this WebApplication app)
    {
        var access = app.Services.GetRequiredService<IOptions<DashboardAccessOptions>>().Value;
        CampaignSyncDashboard.EnsureRegistered();
        if (access.Mode == DashboardAccessMode.None)
        {
            app.MapHangfireDashboard(access.Path, new DashboardOptions { DashboardTitle = "CampaignSync" });
            return;
        }

        var options = new DashboardOptions
        {
            DashboardTitle = "CampaignSync",
            // Authorization is the endpoint's policy below; Hangfire's own filters would only add the local-only rule.
            Authorization = [],
            IsReadOnlyFunc = context => !context.GetHttpContext().User.IsInRole(access.OperatorRole),
        };
        var policy = access.Mode switch
        {
            DashboardAccessMode.Basic => BasicPolicyName,
            DashboardAccessMode.OpenIdConnect => OpenIdConnectPolicyName,
            _ => access.Policy!,
        };
        app.MapHangfireDashboard(access.Path, options).RequireAuthorization(policy);
    }

    /// <summary>
    /// The code flow (with PKCE) at <see cref="DashboardAccessOptions.Authority"/>, its sign-in kept in a cookie. Roles
    /// and the name come from the ID token's claims as configured, so an operator's actions are recorded under their
    /// own name (<see cref="FailureActionDispatcher"/> records <c>User.Identity.Name</c>).
    /// </summary>
    private static void AddOpenIdConnect(IServiceCollection services, AuthenticationBuilder authentication, DashboardAccessOptions access)
    {
        authentication
            .AddCookie(CookieSchemeName, cookie =>
            {
                cookie.Cookie.Name = "CampaignSync.Dashboard";
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
                cookie.SlidingExpiration = false;
                cookie.ForwardChallenge = OpenIdConnectSchemeName;
                // Signed in without a dashboard role: a plain 403, not a redirect to a page the worker does not have.
                cookie.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            })
            .AddOpenIdConnect(OpenIdConnectSchemeName, oidc =>
            {
                oidc.SignInScheme = CookieSchemeName;
                oidc.Authority = access.Authority;
                // Validation allows http only in Development or on loopback (SecureBaseUrlValidator).
                oidc.RequireHttpsMetadata = access.AuthorityUri.Scheme == Uri.UriSchemeHttps;
                oidc.ClientId = access.ClientId;
                oidc.ClientSecret = access.ClientSecret;
                oidc.ResponseType = "code";
                oidc.UsePkce = true;
                oidc.SaveTokens = false;
                oidc.MapInboundClaims = false;
                oidc.TokenValidationParameters.NameClaimType = access.NameClaim;
                oidc.TokenValidationParameters.RoleClaimType = access.RoleClaim;
            });
        services.AddAuthorizationBuilder().AddPolicy(OpenIdConnectPolicyName, policy => policy
            .AddAuthenticationSchemes(CookieSchemeName)
            .RequireAuthenticatedUser()
            .RequireRole(access.OperatorRole, access.ViewerRole));
    }
}
