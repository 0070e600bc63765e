using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace NpsCloud.Responses.Features.AnswerByLink;

/// <summary>
/// Tells a person's submission of an emailed score from a link-scanning mail gateway's, which renders the page
/// and runs its scripts as a browser does. The page never submits by itself (<c>/js/answer.js</c>); when its
/// script ran it posts what it saw: <c>elapsed</c> (milliseconds since the page loaded), <c>input</c> (1 after a
/// trusted pointer, touch or key event) and <c>visible</c> (1 when the page was visible and focused). The
/// submission looks automated when the client's address or user agent is a known gateway's, or when the script
/// ran and saw no trusted input, a hidden or unfocused page, or a submit sooner than <see cref="HumanMilliseconds"/>.
/// A post without the script's fields (scripts off: the person pressed the button) is a person's. The rule and
/// what headless Chromium does are in docs/api.md ("Scanner safety").
/// </summary>
internal sealed class AutomatedClients
{
    /// <summary>No person reads the page and taps within this of its load; the script holds an earlier tap until then.</summary>
    public const int HumanMilliseconds = 1500;

    /// <summary>Parts of the user agents that link scanners announce themselves with (matched case-insensitively).</summary>
    public static readonly string[] DefaultUserAgents = ["BingPreview", "Proofpoint", "Mimecast", "Barracuda", "Forcepoint", "Trend Micro", "python-requests", "Go-http-client"];

    private readonly string[] _userAgents;
    private readonly IPNetwork[] _ranges;

    public AutomatedClients(IConfiguration configuration)
    {
        _userAgents = configuration["Responses:AutomatedClients:UserAgents"] is { } agents
            ? agents.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : DefaultUserAgents;
        _ranges = (configuration["Responses:AutomatedClients:AddressRanges"] ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(range => IPNetwork.TryParse(range, out var network) ? network
                : throw new InvalidOperationException($"Responses:AutomatedClients:AddressRanges: '{range}' is not a CIDR range."))
            .ToArray();
    }

    public bool LookAutomated(HttpRequest request)
    {
        var agent = request.Headers.UserAgent.ToString();
        if (agent.Length > 0 && _userAgents.Any(marker => agent.Contains(marker, StringComparison.OrdinalIgnoreCase))) return true;
        if (request.HttpContext.Connection.RemoteIpAddress is { } address)
        {
            if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
            if (_ranges.Any(range => range.Contains(address))) return true;
        }

        if (!request.HasFormContentType) return false;
        var form = request.Form;
        if (form["client"] != "js") return false;
        return form["input"] != "1" || form["visible"] != "1"
            || !int.TryParse(form["elapsed"], out var elapsed) || elapsed < HumanMilliseconds;
    }
}
