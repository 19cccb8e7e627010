using CampaignSync.Crm;
using CampaignSync.Hosting;
using CampaignSync.Cli;

namespace CampaignSync.UnitTests.Crm;

[Trait("Category", "Crm")]
public sealed class CrmOptionsTests
{
    [Fact]
    public void Defaults_are_valid_while_the_sync_is_off()
    {
        Assert.True(Validate(new CrmOptions()).Succeeded);
    }

    [Fact]
    public void Enabled_requires_the_connection_and_a_mapping_and_names_each_key()
    {
        var result = Validate(new CrmOptions { Enabled = true });

        Assert.Equal(
            ["Crm:Token: is required when Crm:Enabled is true.", "Crm:Company: is required when Crm:Enabled is true.",
                "Crm:Attributes: is required when Crm:Enabled is true."],
            result.Failures!);
    }

    [Fact]
    public void Bad_settings_are_reported_together_by_key_without_their_values()
    {
        var options = new CrmOptions
        {
            Cron = "every night",
            TimeZone = "Mars/Olympus",
            DefaultPhoneRegion = "it",
            Paths = new CrmPathOptions { Contact = "/api/contacts/" },
            Key = new CrmFieldMapping { Field = "mail" },
            Attributes = new Dictionary<string, CrmFieldMapping> { ["phone"] = new() { Field = "phone_number", Normalize = (ValueNormalization)9 } },
        };

        var failures = Validate(options).Failures!.ToList();

        Assert.Equal(
            ["Crm:Cron", "Crm:TimeZone", "Crm:Paths:Contact", "Crm:Key:Field", "Crm:Attributes:phone:Field", "Crm:Attributes:phone:Normalize",
                "Crm:DefaultPhoneRegion"],
            failures.Select(f => f[..f.IndexOf(": ", StringComparison.Ordinal)]));
        Assert.DoesNotContain(failures, f => f.Contains("every night", StringComparison.Ordinal) || f.Contains("phone_number", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void Page_size_is_between_1_and_100(int pageSize) =>
        Assert.Contains(Validate(new CrmOptions { PageSize = pageSize }).Failures!, f => f.StartsWith("Crm:PageSize:", StringComparison.Ordinal));

    [Theory]
    [InlineData("0 2 * * *", "Europe/Rome")]
    [InlineData("0 0 2 * * *", "UTC")]
    [InlineData("@daily", "America/New_York")]
    public void Hangfire_cron_forms_and_iana_zones_are_accepted(string cron, string timeZone) =>
        Assert.True(Validate(new CrmOptions { Cron = cron, TimeZone = timeZone }).Succeeded);

    [Theory]
    [InlineData("crm-sync")]
    [InlineData("crm-sync --dry-run")]
    [InlineData("crm-sync --confirm-deletes 12")]
    public void The_crm_sync_verb_parses(string line) =>
        Assert.Empty(WorkerCommandLine.Create().Parse(line).Errors);

    [Fact]
    public void The_confirm_option_takes_a_run_id() =>
        Assert.NotEmpty(WorkerCommandLine.Create().Parse("crm-sync --confirm-deletes last").Errors);

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(CrmOptions options) =>
        new SectionValidator<CrmOptions>(CrmOptions.SectionName).Validate(null, options);
}
