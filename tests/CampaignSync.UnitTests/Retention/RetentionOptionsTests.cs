using CampaignSync.Hosting;
using CampaignSync.Retention;

namespace CampaignSync.UnitTests.Retention;

public sealed class RetentionOptionsTests
{
    [Fact]
    public void Defaults_keep_final_rows_14_days_failed_rows_90_operator_actions_365_CRM_runs_90_and_failed_jobs_30()
    {
        var options = new RetentionOptions();

        Assert.Equal(
            (TimeSpan.FromDays(14), TimeSpan.FromDays(90), TimeSpan.FromDays(365), TimeSpan.FromDays(90), TimeSpan.FromDays(30), 1_000),
            (options.FinalRows, options.FailedRows, options.OperatorActions, options.CrmRuns, options.HangfireFailedJobs, options.ChunkSize));
        Assert.True(Validate(options).Succeeded);
    }

    [Fact]
    public void A_zero_age_or_a_chunk_of_one_is_refused_naming_the_key()
    {
        var failures = Validate(new RetentionOptions { FinalRows = TimeSpan.Zero, ChunkSize = 1 }).Failures!;

        Assert.Contains(failures, f => f.StartsWith("Retention:FinalRows", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Retention:ChunkSize", StringComparison.Ordinal));
    }

    [Fact]
    public void Operator_actions_kept_less_than_30_days_are_refused_naming_the_key()
    {
        var failures = Validate(new RetentionOptions { OperatorActions = TimeSpan.FromDays(29) }).Failures!;

        Assert.Contains(failures, f => f.StartsWith("Retention:OperatorActions", StringComparison.Ordinal));
        Assert.True(Validate(new RetentionOptions { OperatorActions = TimeSpan.FromDays(30) }).Succeeded);
    }

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(RetentionOptions options) =>
        new SectionValidator<RetentionOptions>(RetentionOptions.SectionName).Validate(null, options);
}
