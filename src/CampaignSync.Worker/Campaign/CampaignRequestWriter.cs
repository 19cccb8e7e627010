using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CampaignSync.Campaign;

/// <summary>
/// Writes request bodies as UTF-8 JSON with <see cref="Utf8JsonWriter"/>. A writer rather than DTOs because
/// the audit fields are numbered by position (<c>exparam1</c>…<c>exparam10</c>), which a fixed type could only
/// express as ten properties. Switch values are strings, as documented (<c>"1"</c>, not <c>1</c>).
/// </summary>
internal static class CampaignRequestWriter
{
    // The default encoder writes every non-ASCII character as \uXXXX, which can grow a batch of accented names
    // several times over and defeat the batch planner's byte limit. The relaxed encoder still writes valid JSON;
    // its only caveat is for text embedded in HTML, which a request body never is.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The async upsert body: batch fields, <c>"sync": "2"</c> and the records as CSV in <c>file</c>.</summary>
    public static ReadOnlyMemory<byte> WriteUpsert(UpsertBatch batch)
    {
        CheckUpsert(batch, maxRecords: int.MaxValue);
        var file = CampaignCsvWriter.Write(batch);
        var buffer = new ArrayBufferWriter<byte>(file.Length + 256);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("profile-name", batch.ProfileName);
            json.WriteString("upsert", batch.UpsertMode.ToString(CultureInfo.InvariantCulture));
            json.WriteString("update-link", batch.UpdateLink.ToString(CultureInfo.InvariantCulture));
            WriteExparams(json, batch.Exparams);
            json.WriteString("sync", "2");
            json.WriteString("file", file);
            json.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }

    /// <summary>
    /// The documented single Create/Update body for the one record of <paramref name="batch"/>: its key, the modes,
    /// the audit values, <c>"sync": "1"</c> and the attributes as <c>{ "attribute-name", "val" }</c> (an empty or null
    /// value as <c>""</c>, as the async file's empty cell).
    /// </summary>
    public static ReadOnlyMemory<byte> WriteSingleUpsert(UpsertBatch batch)
    {
        CheckUpsert(batch, maxRecords: 1);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("profile-name", batch.ProfileName);
            json.WriteString("key", batch.Records[0].Key);
            json.WriteString("upsert", batch.UpsertMode.ToString(CultureInfo.InvariantCulture));
            json.WriteString("update-link", batch.UpdateLink.ToString(CultureInfo.InvariantCulture));
            WriteExparams(json, batch.Exparams);
            json.WriteString("sync", "1");
            WriteAttributes(json, batch.AttributeNames, batch.Records[0].Values);
            json.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }

    /// <summary>
    /// The documented bulk Create/Update body: the profile, the link mode and the audit values once, then one entry a
    /// record in <c>requests</c> (its key, the upsert mode and its attributes). At most <see cref="CampaignDefaults.MaxBulkRecords"/> records.
    /// </summary>
    public static ReadOnlyMemory<byte> WriteBulkUpsert(UpsertBatch batch)
    {
        CheckUpsert(batch, CampaignDefaults.MaxBulkRecords);
        var mode = batch.UpsertMode.ToString(CultureInfo.InvariantCulture);
        var buffer = new ArrayBufferWriter<byte>(256 * batch.Records.Count);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("profile-name", batch.ProfileName);
            json.WriteString("update-link", batch.UpdateLink.ToString(CultureInfo.InvariantCulture));
            WriteExparams(json, batch.Exparams);
            json.WriteStartArray("requests");
            foreach (var record in batch.Records)
            {
                json.WriteStartObject();
                json.WriteString("key", record.Key);
                json.WriteString("upsert", mode);
                WriteAttributes(json, batch.AttributeNames, record.Values);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }

    /// <summary>The delete body: one key, the profile name when given, and the audit values.</summary>
    public static ReadOnlyMemory<byte> WriteDelete(ProfileDelete delete)
    {
        ArgumentNullException.ThrowIfNull(delete);
        ArgumentException.ThrowIfNullOrEmpty(delete.Key);

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            if (!string.IsNullOrEmpty(delete.ProfileName))
            {
                json.WriteString("profile-name", delete.ProfileName);
            }

            json.WriteString("key", delete.Key);
            WriteExparams(json, delete.Exparams);
            json.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }

    /// <summary>The Get contact profile body: sync, by key, the profile by name.</summary>
    public static ReadOnlyMemory<byte> WriteGetProfile(string profileName, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(profileName);
        ArgumentException.ThrowIfNullOrEmpty(key);

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("profile-name", profileName);
            json.WriteString("key", key);
            json.WriteString("sync", "1");
            json.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }

    private static void CheckUpsert(UpsertBatch batch, int maxRecords)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentOutOfRangeException.ThrowIfLessThan(batch.UpsertMode, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(batch.UpsertMode, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(batch.UpdateLink, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(batch.UpdateLink, 3);
        if (batch.Records.Count == 0 || batch.Records.Count > maxRecords)
        {
            throw new ArgumentException($"An upsert request needs 1 to {maxRecords} records.", nameof(batch));
        }
    }

    private static void WriteAttributes(Utf8JsonWriter json, IReadOnlyList<string> names, IReadOnlyList<string?> values)
    {
        json.WriteStartArray("attributes");
        for (var i = 0; i < names.Count; i++)
        {
            json.WriteStartObject();
            json.WriteString("attribute-name", names[i]);
            json.WriteString("val", values[i] ?? "");
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteExparams(Utf8JsonWriter json, IReadOnlyList<string> exparams)
    {
        if (exparams.Count > CampaignDefaults.MaxExparams)
        {
            throw new ArgumentException($"The API takes at most {CampaignDefaults.MaxExparams} exparam values; got {exparams.Count}.", nameof(exparams));
        }

        for (var i = 0; i < exparams.Count; i++)
        {
            json.WriteString("exparam" + (i + 1).ToString(CultureInfo.InvariantCulture), exparams[i]);
        }
    }
}
