using System.Text.Json.Serialization;
using CampaignSync.Simulator.Inspection;

namespace CampaignSync.Simulator.Api;

/// <summary>Source-generated JSON for every body the simulator reads or writes.</summary>
[JsonSerializable(typeof(UpsertRequest))]
[JsonSerializable(typeof(BulkRequest))]
[JsonSerializable(typeof(DeleteRequest))]
[JsonSerializable(typeof(GetProfileRequest))]
[JsonSerializable(typeof(ApiError))]
[JsonSerializable(typeof(UpsertResponse))]
[JsonSerializable(typeof(AsyncAcceptedResponse))]
[JsonSerializable(typeof(TransactionResponse))]
[JsonSerializable(typeof(QueryStatusResponse))]
[JsonSerializable(typeof(BulkResponse))]
[JsonSerializable(typeof(ProfileResponse))]
[JsonSerializable(typeof(ProfileMetadata))]
[JsonSerializable(typeof(List<ProfileMetadata>))]
[JsonSerializable(typeof(StatsSnapshot))]
[JsonSerializable(typeof(List<StoredProfileView>))]
internal sealed partial class SimulatorJsonContext : JsonSerializerContext;
