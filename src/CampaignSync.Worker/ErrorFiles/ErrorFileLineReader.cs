using System.Globalization;
using System.Text;
using CampaignSync.Campaign;

namespace CampaignSync.ErrorFiles;

/// <summary>
/// Reads physical lines ending in CRLF, LF or CR, holding at most one line (up to <paramref name="maxLineLength"/>
/// characters) in memory. <see cref="TextReader.ReadLineAsync()"/> has no such cap: a file with no line break
/// would be loaded whole. A line past <paramref name="maxLines"/> throws <see cref="ErrorFileRejectedException"/>.
/// </summary>
internal sealed class ErrorFileLineReader(TextReader reader, int maxLineLength, int maxLines)
{
    private readonly char[] _buffer = new char[4096];
    private readonly StringBuilder _line = new();
    private int _position;
    private int _length;
    private bool _skipLineFeed;
    private long _lineNumber;

    /// <summary>The next line, or null at the end of the text.</summary>
    public async ValueTask<ErrorFileLine?> ReadLineAsync(CancellationToken cancellationToken)
    {
        _line.Clear();
        var tooLong = false;
        var sawAnything = false;
        while (true)
        {
            if (_position == _length)
            {
                _length = await reader.ReadAsync(_buffer.AsMemory(), cancellationToken);
                _position = 0;
                if (_length == 0)
                {
                    return sawAnything ? Finish(tooLong, terminated: false) : null;
                }
            }

            if (_skipLineFeed)
            {
                _skipLineFeed = false;
                if (_buffer[_position] == '\n')
                {
                    _position++;
                    continue;
                }
            }

            sawAnything = true;
            var chunk = _buffer.AsSpan(_position, _length - _position);
            var end = chunk.IndexOfAny('\r', '\n');
            tooLong |= Append(end < 0 ? chunk : chunk[..end]);
            if (end < 0)
            {
                _position = _length;
                continue;
            }

            _skipLineFeed = chunk[end] == '\r';
            _position += end + 1;
            return Finish(tooLong, terminated: true);
        }
    }

    private bool Append(ReadOnlySpan<char> text)
    {
        var room = maxLineLength - _line.Length;
        _line.Append(text.Length <= room ? text : text[..room]);
        return text.Length > room;
    }

    private ErrorFileLine Finish(bool tooLong, bool terminated) =>
        ++_lineNumber > maxLines
            ? throw new ErrorFileRejectedException(string.Create(CultureInfo.InvariantCulture,
                $"The error file has more than {maxLines} lines (Campaign:ErrorFileMaxLines); reading stopped."))
            : new(_lineNumber, _line.ToString(), tooLong, terminated);
}
