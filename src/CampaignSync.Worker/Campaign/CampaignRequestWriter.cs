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
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentOutOfRangeException.ThrowIfLessThan(batch.UpsertMode, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(batch.UpsertMode, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(batch.UpdateLink, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(batch.UpdateLink, 3);
        if (batch.Records.Count == 0)
        {
            throw new ArgumentException("An upsert batch needs at least one record.", nameof(batch));
        }

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
