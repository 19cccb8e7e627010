using System.Globalization;
using System.Text.Json.Serialization;

namespace CampaignSync.Benchmark;

/// <summary>The machine a run was measured on, from the runtime and /proc.</summary>
internal sealed record MachineInfo(
    [property: JsonPropertyName("cores")] int Cores,
    [property: JsonPropertyName("memory_mb")] long MemoryMegabytes,
    [property: JsonPropertyName("cpu_model")] string CpuModel,
    [property: JsonPropertyName("os")] string OperatingSystem,
    [property: JsonPropertyName("runtime")] string Runtime)
{
    public static MachineInfo Read() => new(
        Environment.ProcessorCount,
        ReadProc("/proc/meminfo", "MemTotal:", v => long.Parse(v.Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture) / 1024, 0L),
        ReadProc("/proc/cpuinfo", "model name", v => v.TrimStart(':', ' ', '\t'), "unknown"),
        System.Runtime.InteropServices.RuntimeInformation.OSDescription,
        System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription);

    private static T ReadProc<T>(string path, string prefix, Func<string, T> parse, T fallback)
    {
        if (!File.Exists(path))
        {
            return fallback;
        }

        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        return line is null ? fallback : parse(line[prefix.Length..].Trim());
    }
}
