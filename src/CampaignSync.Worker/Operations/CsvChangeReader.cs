using System.Globalization;
using System.Text.Json;
using CampaignSync.Outbox;
using CsvHelper;
using CsvHelper.Configuration;

namespace CampaignSync.Operations;

/// <summary>
/// Reads an <c>enqueue --csv</c> file (RFC 4180, a header row naming the outbox's contract columns) one record at a
/// time and judges each by the table's constraints and the worker's own <see cref="ChangeValidator"/>, so a line
/// that loads is a line the worker will send. Every bad line is reported with its reason, never with its values.
/// </summary>
internal sealed class CsvChangeReader : IDisposable
{
    /// <summary>The columns a file may have; the first three are required.</summary>
    public static readonly string[] Columns =
        ["profile_name", "profile_key", "operation", "attributes", "upsert_mode", "update_link", "exparams", "source"];

    private const int RequiredColumns = 3;
    private const int MaxExparams = 10;

    private readonly CsvReader _csv;
    private readonly string _defaultSource;
    private readonly Dictionary<string, int> _index;
    private string? _badData;

    public CsvChangeReader(TextReader reader, string defaultSource)
    {
        _defaultSource = defaultSource;
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            BadDataFound = args => _badData ??= "a field is badly quoted",
            MissingFieldFound = null,
            TrimOptions = TrimOptions.None,
        };
        _csv = new CsvReader(reader, configuration);
        if (!_csv.Read() || !_csv.ReadHeader() || _csv.HeaderRecord is null)
        {
            throw new InvalidDataException("line 1: the file has no header row");
        }

        var header = _csv.HeaderRecord;
        var unknown = header.Where(h => !Columns.Contains(h, StringComparer.Ordinal)).ToList();
        var missing = Columns.Take(RequiredColumns).Where(c => !header.Contains(c, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0 || missing.Count > 0 || header.Distinct(StringComparer.Ordinal).Count() != header.Length)
        {
            throw new InvalidDataException(
                $"line 1: the header must name distinct columns among {string.Join(", ", Columns)}, including the first three" +
                (missing.Count > 0 ? $"; missing: {string.Join(", ", missing)}" : "") +
                (unknown.Count > 0 ? $"; unknown: {string.Join(", ", unknown)}" : ""));
        }

        _index = header.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
    }

    /// <summary>Each record in file order: a change to load, or the reason its line was rejected.</summary>
    public IEnumerable<(CsvChange? Change, CsvRejection? Rejection)> ReadAll()
    {
        while (true)
        {
            _badData = null;
            if (!_csv.Read())
            {
                yield break;
            }

            // The parser's raw row is the physical line where the record ended; a quoted field may span lines.
            var line = (long)_csv.Parser.RawRow;
            var (change, reason) = Judge();
            yield return change is not null ? (change, null) : (null, new CsvRejection(line, reason!));
        }
    }

    public void Dispose() => _csv.Dispose();

    private (CsvChange?, string?) Judge()
    {
        if (_badData is not null)
        {
            return (null, _badData);
        }

        if (_csv.Parser.Count != _index.Count)
        {
            return (null, $"has {_csv.Parser.Count} fields; the header has {_index.Count}");
        }

        var name = Field("profile_name");
        var key = Field("profile_key");
        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(key))
        {
            return (null, "profile_name and profile_key must not be empty");
        }

        var attributes = Field("attributes") is { Length: > 0 } text ? text : "{}";
        if (!IsJsonObject(attributes))
        {
            return (null, "attributes must be a JSON object");
        }

        if (!TryMode(Field("upsert_mode"), 1, 0, 2, out var upsertMode))
        {
            return (null, "upsert_mode must be 0, 1 or 2");
        }

        if (!TryMode(Field("update_link"), 2, 1, 3, out var updateLink))
        {
            return (null, "update_link must be 1, 2 or 3");
        }

        var exparams = ParseExparams(Field("exparams"));
        if (exparams is null)
        {
            return (null, $"exparams must be a JSON array of at most {MaxExparams} strings");
        }

        var change = new CsvChange(name, key, Field("operation"), attributes, upsertMode, updateLink, exparams,
            Field("source") is { Length: > 0 } source ? source : _defaultSource);
        var (_, rejected) = ChangeValidator.Validate(new ClaimedChange
        {
            Id = 0, Position = 0, ProfileName = name, ProfileKey = key, Operation = change.Operation, AttributesJson = attributes,
            UpsertMode = upsertMode, UpdateLink = updateLink, Exparams = exparams, Attempts = 0, Fence = 0,
        });
        return rejected is null ? (change, null) : (null, rejected.Reason);
    }

    private string Field(string column) => _index.TryGetValue(column, out var i) ? _csv.GetField(i) ?? "" : "";

    private static bool IsJsonObject(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool TryMode(string text, short fallback, short min, short max, out short value)
    {
        if (text.Length == 0)
        {
            value = fallback;
            return true;
        }

        return short.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
    }

    private static string[]? ParseExparams(string text)
    {
        if (text.Length == 0)
        {
            return [];
        }

        try
        {
            var values = JsonSerializer.Deserialize(text, OperationsJsonContext.Default.StringArray);
            return values is not null && values.Length <= MaxExparams && values.All(v => v is not null) ? values : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
