using System.Text;
using System.Text.RegularExpressions;

namespace NpsCloud.Testing;

/// <summary>
/// Just enough MIME to read what the product sends: folded headers, encoded-word subjects,
/// multipart/alternative, base64 and quoted-printable bodies.
/// </summary>
public sealed partial record ReceivedEmail(IReadOnlyDictionary<string, string> Headers, string? TextBody, string? HtmlBody)
{
    public string Subject => Headers.GetValueOrDefault("Subject", "");
    public string To => Headers.GetValueOrDefault("To", "");
    public string From => Headers.GetValueOrDefault("From", "");

    public static ReceivedEmail Parse(string raw)
    {
        var (headers, body) = SplitHeaders(raw);
        string? text = null, html = null;
        Collect(headers, body, ref text, ref html);
        return new ReceivedEmail(headers.ToDictionary(h => h.Key, h => DecodeWords(h.Value), StringComparer.OrdinalIgnoreCase), text, html);
    }

    private static void Collect(Dictionary<string, string> headers, string body, ref string? text, ref string? html)
    {
        var contentType = headers.GetValueOrDefault("Content-Type", "text/plain");
        var boundary = BoundaryPattern().Match(contentType);
        if (contentType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) && boundary.Success)
        {
            var marker = "--" + boundary.Groups[1].Value;
            foreach (var part in body.Split(marker).Skip(1))
            {
                if (part.StartsWith("--")) break;
                var (partHeaders, partBody) = SplitHeaders(part.TrimStart('\r', '\n'));
                Collect(partHeaders, partBody, ref text, ref html);
            }

            return;
        }

        var decoded = DecodeBody(body, headers.GetValueOrDefault("Content-Transfer-Encoding", "7bit"));
        if (contentType.StartsWith("text/html", StringComparison.OrdinalIgnoreCase)) html ??= decoded;
        else text ??= decoded;
    }

    private static (Dictionary<string, string> Headers, string Body) SplitHeaders(string raw)
    {
        raw = raw.Replace("\r\n", "\n");
        var end = raw.IndexOf("\n\n", StringComparison.Ordinal);
        var head = end < 0 ? raw : raw[..end];
        var body = end < 0 ? "" : raw[(end + 2)..];
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? last = null;
        foreach (var line in head.Split('\n'))
        {
            if ((line.StartsWith(' ') || line.StartsWith('\t')) && last is not null)
            {
                headers[last] += " " + line.Trim();
                continue;
            }

            var colon = line.IndexOf(':');
            if (colon <= 0) continue;
            last = line[..colon].Trim();
            headers[last] = line[(colon + 1)..].Trim();
        }

        return (headers, body);
    }

    private static string DecodeBody(string body, string encoding) => encoding.Trim().ToLowerInvariant() switch
    {
        "base64" => Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(body.Where(c => !char.IsWhiteSpace(c))))),
        "quoted-printable" => Encoding.UTF8.GetString(QuotedPrintableBytes(body)),
        _ => body,
    };

    private static byte[] QuotedPrintableBytes(string value)
    {
        var bytes = new List<byte>();
        var text = value.Replace("=\n", "");
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=' && i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
            }
        }

        return bytes.ToArray();
    }

    /// <summary>RFC 2047 encoded words, e.g. =?utf-8?B?...?=, as SmtpClient writes non-ASCII subjects.</summary>
    private static string DecodeWords(string value) =>
        EncodedWordPattern().Replace(value.Replace("?= =?", "?==?"), match =>
        {
            var charset = Encoding.GetEncoding(match.Groups[1].Value);
            var payload = match.Groups[3].Value;
            var bytes = match.Groups[2].Value.Equals("B", StringComparison.OrdinalIgnoreCase)
                ? Convert.FromBase64String(payload)
                : QuotedPrintableBytes(payload.Replace('_', ' '));
            return charset.GetString(bytes);
        });

    [GeneratedRegex("boundary=\"?([^\";]+)\"?", RegexOptions.IgnoreCase)]
    private static partial Regex BoundaryPattern();

    [GeneratedRegex(@"=\?([^?]+)\?([BbQq])\?([^?]*)\?=")]
    private static partial Regex EncodedWordPattern();
}
