using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CampaignSync.Crm;

/// <summary>
/// Reads a JSON string or number as text. The docs show <c>telephone</c> as a string while the spec-generated SDK
/// types it as an integer (docs/wethod-crm-api.md, "Contact fields"), so both are accepted; a number keeps its literal digits.
/// Any other token (object, array, boolean) reads as null rather than failing the whole page.
/// </summary>
internal sealed class WethodTextConverter : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                return Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
            default:
                reader.Skip();
                return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }
}
