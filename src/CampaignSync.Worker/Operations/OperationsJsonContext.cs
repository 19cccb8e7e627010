using System.Text.Json.Serialization;

namespace CampaignSync.Operations;

/// <summary>Source-generated JSON for the operator verbs (the exparams column of an enqueue file).</summary>
[JsonSerializable(typeof(string[]))]
internal sealed partial class OperationsJsonContext : JsonSerializerContext;
