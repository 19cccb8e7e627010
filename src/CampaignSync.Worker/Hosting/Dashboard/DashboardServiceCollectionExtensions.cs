using CampaignSync.Hosting.Dashboard.Pages;
using CampaignSync.Hosting.Operations;
using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CampaignSync.Hosting.Dashboard;

/// <summary>
/// The Hangfire dashboard's access: the Dashboard section, its validation at start, the Basic scheme, and the
/// endpoint with its authorization and read-only rule; and the Campaign Sync pages inside it.
/// </summary>
internal static class DashboardServiceCollectionExtensions
{
    /// <summary>The authorization policy of Basic mode: the operator or the viewer credential.</summary>
    public const string BasicPolicyName = "CampaignSyncDashboardBasic";

    public static IHostApplicationBuilder AddDashboard(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IValidateOptions<DashboardAccessOptions>, DashboardAccessOptionsValidator>();
        builder.Services.AddOptions<DashboardAccessOptions>().BindConfiguration(DashboardAccessOptions.SectionName).ValidateOnStart();
        builder.Services.AddAuthentication()
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, DashboardBasicAuthenticationHandler>(
                DashboardBasicAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder().AddPolicy(BasicPolicyName, policy => policy
            .AddAuthenticationSchemes(DashboardBasicAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser());
        // With antiforgery registered, Hangfire's dashboard middleware refuses a POST without a valid token (its own
        // pages send it as a header, ours as a form field): a browser sends Basic credentials to any site's form, so
        // without it another page could make an operator's browser retry or discard.
        builder.Services.AddAntiforgery();
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
    /// Development); Basic and Policy hand authorization to ASP.NET Core, and only the operator role may act.
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
        var policy = access.Mode == DashboardAccessMode.Basic ? BasicPolicyName : access.Policy!;
        app.MapHangfireDashboard(access.Path, options).RequireAuthorization(policy);
    }
}
