using System.Text;
using Hangfire.Dashboard;

namespace CampaignSync.Dashboard.Pages;

/// <summary>The Overview's records-per-minute bars as inline SVG: no script, so it renders wherever the page does.</summary>
internal static class RecordsChart
{
    private const int Width = 720;
    private const int Height = 140;
    private const int AxisHeight = 16;

    public static NonEscapedString Render(IReadOnlyList<MinuteCount> minutes)
    {
        var max = Math.Max(1, minutes.Count == 0 ? 0 : minutes.Max(m => m.Records));
        var barWidth = Width / (double)Math.Max(1, minutes.Count);
        var plot = Height - AxisHeight;
        var svg = new StringBuilder();
        svg.Append(HtmlEncodingFormatter.Render(
            $"<svg class=\"campaign-sync-chart\" role=\"img\" aria-label=\"Records per minute, last hour\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\">"));
        svg.Append(HtmlEncodingFormatter.Render(
            $"<line x1=\"0\" y1=\"{plot}\" x2=\"{Width}\" y2=\"{plot}\" stroke=\"#999\" stroke-width=\"1\"/>"));
        for (var i = 0; i < minutes.Count; i++)
        {
            var minute = minutes[i];
            var height = minute.Records == 0 ? 0 : Math.Max(1, minute.Records * (plot - 4) / (double)max);
            svg.Append(HtmlEncodingFormatter.Render(
                $"<rect x=\"{i * barWidth + 1:0.#}\" y=\"{plot - height:0.#}\" width=\"{barWidth - 2:0.#}\" height=\"{height:0.#}\" fill=\"#337ab7\"><title>{minute.Minute:HH:mm} UTC: {minute.Records:N0} records</title></rect>"));
        }

        if (minutes.Count > 0)
        {
            svg.Append(HtmlEncodingFormatter.Render(
                $"<text x=\"0\" y=\"{Height - 3}\" font-size=\"11\" fill=\"#777\">{minutes[0].Minute:HH:mm}</text>"));
            svg.Append(HtmlEncodingFormatter.Render(
                $"<text x=\"{Width}\" y=\"{Height - 3}\" font-size=\"11\" fill=\"#777\" text-anchor=\"end\">{minutes[^1].Minute:HH:mm} UTC</text>"));
        }

        svg.Append(HtmlEncodingFormatter.Render($"<text x=\"4\" y=\"12\" font-size=\"11\" fill=\"#777\">max {max:N0}/min</text></svg>"));
        return new NonEscapedString(svg.ToString());
    }
}
