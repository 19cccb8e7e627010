namespace CampaignSync.ErrorFiles;

/// <summary>Where Code, Description and Index sit, read from the header by name (case-insensitive).</summary>
/// <param name="Count">How many fields every record must have.</param>
internal sealed record ErrorFileColumns(int Count, int Code, int Description, int Index)
{
    /// <summary>The documented header <c>Code,Description,Index</c>.</summary>
    public static readonly ErrorFileColumns Documented = new(3, 0, 1, 2);

    /// <summary>
    /// Reads a header. Returns the columns to use and, when the header is not exactly the documented one, the
    /// problem to report: extra columns are tolerated (mapped by name), a header without the three names falls
    /// back to the documented order.
    /// </summary>
    /// <param name="recognized">False when the three names were not all found (the documented order is assumed).</param>
    public static ErrorFileColumns FromHeader(IReadOnlyList<string> names, out string? problem, out bool recognized)
    {
        ArgumentNullException.ThrowIfNull(names);
        var code = IndexOf(names, "Code");
        var description = IndexOf(names, "Description");
        var index = IndexOf(names, "Index");
        recognized = code >= 0 && description >= 0 && index >= 0;
        if (!recognized)
        {
            problem = "Wrong header: expected Code,Description,Index; reading the lines in that order.";
            return Documented;
        }

        problem = names.Count > 3
            ? $"The header has {names.Count - 3} extra column(s); they are ignored and every line must have {names.Count} fields."
            : null;
        return new ErrorFileColumns(names.Count, code, description, index);
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i].Trim(), name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
