using System.ComponentModel.DataAnnotations;

namespace CampaignSync.Hosting;

/// <summary>How long a stopping worker may take (section <c>Shutdown</c>, env <c>Shutdown__Timeout</c>).</summary>
internal sealed class ShutdownOptions
{
    public const string SectionName = "Shutdown";

    /// <summary>
    /// The host's <see cref="HostOptions.ShutdownTimeout"/>: after SIGTERM the worker claims nothing new and gets this
    /// long to finish sending what it claimed (a submit's calls are bounded by <c>Campaign:TotalTimeout</c>, 2 minutes
    /// at most per call with the defaults, but one batch's submit is usually seconds). What is still unfinished then
    /// is recovered by another replica's sweep when its lease or request deadline runs out. On Kubernetes keep it
    /// below the pod's <c>terminationGracePeriodSeconds</c>, after which the kubelet kills the process: the Helm chart
    /// derives it from that value. Hangfire's server gets the same value as its <c>ShutdownTimeout</c>. The default value
    /// is 60 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);
}
