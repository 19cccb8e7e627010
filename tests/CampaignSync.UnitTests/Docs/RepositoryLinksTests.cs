using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CampaignSync.UnitTests.Docs;

/// <summary>
/// A reader of the repository can follow every reference it makes (issue 17): no Markdown or C# file points at the
/// shared documents outside the repository, and every relative Markdown link names a file (and a heading) that exists
/// in the repository. Links to public pages (<c>https:</c>, <c>mailto:</c>) are not checked.
/// </summary>
[Trait("Category", "Foundation")]
public sealed partial class RepositoryLinksTests
{
    // Split so that this file does not name itself.
    private const string SharedDocs = "shared" + "/docs";

    [Fact]
    public void No_markdown_or_csharp_file_refers_to_documents_outside_the_repository()
    {
        var files = RepositoryFiles.WithExtension(".md").Concat(RepositoryFiles.WithExtension(".cs")).ToList();

        var mentions = files
            .SelectMany(file => ReadLines(file)
                .Select((line, index) => (line, index))
                .Where(l => l.line.Contains(SharedDocs, StringComparison.OrdinalIgnoreCase))
                .Select(l => string.Create(CultureInfo.InvariantCulture, $"{file}:{l.index + 1}: {l.line.Trim()}")))
            .ToList();

        Assert.True(files.Count > 100, $"only {files.Count} files found under {RepositoryFiles.Root}: is the walk still right?");
        Assert.True(mentions.Count == 0, $"Refer to docs/ in the repository instead of {SharedDocs}:\n{string.Join('\n', mentions)}");
    }

    [Fact]
    public void Every_relative_markdown_link_names_a_file_and_heading_in_the_repository()
    {
        var documents = RepositoryFiles.WithExtension(".md");
        var links = documents.SelectMany(file => RelativeLinks(file).Select(link => (File: file, Link: link))).ToList();

        var broken = links
            .Select(l => (l.File, l.Link, Problem: Problem(l.File, l.Link)))
            .Where(l => l.Problem is not null)
            .Select(l => $"{l.File}: ({l.Link}) {l.Problem}")
            .ToList();

        Assert.True(links.Count > 5, $"only {links.Count} relative links found in {documents.Count} Markdown files: is the pattern still right?");
        Assert.True(broken.Count == 0, "Broken links:\n" + string.Join('\n', broken));
    }

    /// <summary>Why <paramref name="link"/> in <paramref name="file"/> cannot be followed, or null when it can.</summary>
    private static string? Problem(string file, string link)
    {
        var hash = link.IndexOf('#', StringComparison.Ordinal);
        var path = Uri.UnescapeDataString(hash < 0 ? link : link[..hash]);
        var anchor = hash < 0 ? null : link[(hash + 1)..];
        // A path with a leading '/' starts at the repository's root, as GitHub reads it.
        var from = path.StartsWith('/') ? RepositoryFiles.Root : Path.Combine(RepositoryFiles.Root, Path.GetDirectoryName(file)!);
        var target = path.Length == 0
            ? file
            : Path.GetRelativePath(RepositoryFiles.Root, Path.GetFullPath(Path.Combine(from, path.TrimStart('/'))))
                .Replace(Path.DirectorySeparatorChar, '/');
        var full = Path.Combine(RepositoryFiles.Root, target);
        if (target.StartsWith("..", StringComparison.Ordinal))
        {
            return "leaves the repository";
        }

        if (!File.Exists(full) && !Directory.Exists(full))
        {
            return $"{target} does not exist";
        }

        if (anchor is { Length: > 0 } && target.EndsWith(".md", StringComparison.Ordinal) && !Anchors(target).Contains(anchor))
        {
            return $"{target} has no heading #{anchor}";
        }

        return null;
    }

    /// <summary>The targets of the inline links and link definitions of a Markdown file that are not absolute URLs; code is left out.</summary>
    private static IEnumerable<string> RelativeLinks(string file)
    {
        var text = InlineCode().Replace(string.Join('\n', ProseLines(file)), "");
        return InlineLink().Matches(text).Select(m => m.Groups["target"].Value)
            .Concat(LinkDefinition().Matches(text).Select(m => m.Groups["target"].Value))
            .Select(target => target.Trim('<', '>'))
            .Where(target => !UrlScheme().IsMatch(target));
    }

    /// <summary>The anchors GitHub gives the headings of a Markdown file: lower case, punctuation dropped, spaces as '-', repeats numbered.</summary>
    private static HashSet<string> Anchors(string file)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in ProseLines(file))
        {
            if (Heading().Match(line) is not { Success: true } heading)
            {
                continue;
            }

            var title = InlineLink().Replace(heading.Groups["title"].Value, m => m.Groups["text"].Value).ToLowerInvariant();
            var slug = new StringBuilder();
            foreach (var c in title)
            {
                if (char.IsLetterOrDigit(c) || c is '-' or '_')
                {
                    slug.Append(c);
                }
                else if (c == ' ')
                {
                    slug.Append('-');
                }
            }

            var anchor = slug.ToString();
            for (var n = 1; !anchors.Add(anchor); n++)
            {
                anchor = string.Create(CultureInfo.InvariantCulture, $"{slug}-{n}");
            }
        }

        return anchors;
    }

    /// <summary>The lines of a Markdown file outside fenced code blocks.</summary>
    private static IEnumerable<string> ProseLines(string file)
    {
        var inFence = false;
        foreach (var line in ReadLines(file))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
            }
            else if (!inFence)
            {
                yield return line;
            }
        }
    }

    private static string[] ReadLines(string file) => File.ReadAllLines(Path.Combine(RepositoryFiles.Root, file));

    [GeneratedRegex(@"!?\[(?<text>[^\]]*)\]\((?<target>[^)\s]+)(\s+""[^""]*"")?\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"^ {0,3}\[[^\]]+\]:\s*(?<target>\S+)", RegexOptions.Multiline)]
    private static partial Regex LinkDefinition();

    [GeneratedRegex(@"`[^`\n]*`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9+.-]*:")]
    private static partial Regex UrlScheme();

    [GeneratedRegex(@"^ {0,3}#{1,6}\s+(?<title>.*?)\s*#*\s*$")]
    private static partial Regex Heading();
}
