using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.Tenants;

namespace NpsCloud.BuildingBlocks.Web;

/// <summary>
/// Times on the company's pages, in the company's time zone (one per request scope; ADR 0038). It formats
/// a moment in the reader's culture ("6 Ara 2026 14:05") and remembers that it did, so the layout names
/// the zone once at the end of the page ("Saatler İstanbul saatiyle (GMT+03:00)"). The zone is read from
/// the tenant profile before the page handler runs (<see cref="CompanyTimePageFilter"/>); the profile is
/// read once per scope anyway, for the top bar.
/// </summary>
public sealed class CompanyTime(IStringLocalizer<BuildingBlocksText> text, TimeProvider clock)
{
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    /// <summary>Whether the page showed or asked for a time, so the layout names the zone.</summary>
    public bool Shown { get; private set; }

    public void Use(string timeZoneId) =>
        Zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>The moment in the company's zone (for pages that compute with the local date or hour).</summary>
    public DateTimeOffset Local(DateTimeOffset moment)
    {
        Shown = true;
        return TimeZoneInfo.ConvertTime(moment, Zone);
    }

    /// <summary>Date and time, "6 Ara 2026 14:05" / "6 Dec 2026 14:05".</summary>
    public string Format(DateTimeOffset moment) => Local(moment).ToString("d MMM yyyy HH:mm", CultureInfo.CurrentCulture);

    /// <summary>Date only, "6 Ara 2026".</summary>
    public string Date(DateTimeOffset moment) => Local(moment).ToString("d MMM yyyy", CultureInfo.CurrentCulture);

    /// <summary>With seconds, for delivery logs: "6 Ara 2026 14:05:09".</summary>
    public string Precise(DateTimeOffset moment) => Local(moment).ToString("d MMM yyyy HH:mm:ss", CultureInfo.CurrentCulture);

    /// <summary>The machine-readable value of a <c>&lt;time datetime&gt;</c> element: the instant in UTC.</summary>
    public static string Machine(DateTimeOffset moment) => moment.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>A page where a time is entered in the company's zone says so: it counts as showing one.</summary>
    public void MarkShown() => Shown = true;

    /// <summary>The line naming the zone: "Times in Istanbul time (GMT+03:00)".</summary>
    public string ZoneNote() => text["Time.ZoneNote", City(Zone.Id), Offset(Zone.GetUtcOffset(clock.GetUtcNow()))];

    /// <summary>The zone's readable name at a moment, for choosing one: its offset then and its city ("(GMT+03:00) Istanbul").</summary>
    public string ZoneName(TimeZoneInfo zone, DateTimeOffset at) => $"({Offset(zone.GetUtcOffset(at))}) {City(zone.Id)}";

    /// <summary>The city of an IANA id ("America/Argentina/Buenos_Aires" is "Buenos Aires"), translated when the resources know it.</summary>
    public string City(string zoneId)
    {
        if (zoneId is "UTC" or "Etc/UTC") return "UTC";
        var translated = text[$"Time.City.{zoneId}"];
        if (!translated.ResourceNotFound) return translated.Value;
        var slash = zoneId.LastIndexOf('/');
        return (slash < 0 ? zoneId : zoneId[(slash + 1)..]).Replace('_', ' ');
    }

    /// <summary>
    /// The zones a company may choose, by their offset now and then by city: the IANA zones of the
    /// continents and oceans (not the Etc/ aliases or old country links), UTC, and the current one if it is
    /// none of those.
    /// </summary>
    public IReadOnlyList<(string Id, string Label)> Choices(string current)
    {
        var now = clock.GetUtcNow();
        string[] regions = ["Africa/", "America/", "Antarctica/", "Arctic/", "Asia/", "Atlantic/", "Australia/", "Europe/", "Indian/", "Pacific/"];
        var zones = TimeZoneInfo.GetSystemTimeZones()
            .Where(z => regions.Any(r => z.Id.StartsWith(r, StringComparison.Ordinal)) || z.Id == "UTC" || z.Id == current)
            .DistinctBy(z => z.Id)
            .ToList();
        if (zones.All(z => z.Id != "UTC")) zones.Add(TimeZoneInfo.Utc);
        if (zones.All(z => z.Id != current) && TimeZoneInfo.TryFindSystemTimeZoneById(current, out var kept)) zones.Add(kept);
        return zones
            .OrderBy(z => z.GetUtcOffset(now))
            .ThenBy(z => City(z.Id), StringComparer.CurrentCulture)
            .Select(z => (z.Id, z.Id.Contains('/') ? $"{ZoneName(z, now)} · {z.Id.Replace('_', ' ')}" : ZoneName(z, now)))
            .ToList();
    }

    public static string Offset(TimeSpan offset) =>
        $"GMT{(offset < TimeSpan.Zero ? "-" : "+")}{offset.Duration():hh\\:mm}";
}

/// <summary>Reads the company's zone into <see cref="CompanyTime"/> before a page handler runs, when a tenant is signed in.</summary>
public sealed class CompanyTimePageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var services = context.HttpContext.RequestServices;
        if (services.GetRequiredService<ITenantContext>().TenantId is { } tenantId && context.HttpContext.User.Identity?.IsAuthenticated == true)
        {
            var profile = await services.GetRequiredService<IMediator>().Send(new GetTenantProfile(tenantId), context.HttpContext.RequestAborted);
            services.GetRequiredService<CompanyTime>().Use(profile.TimeZone);
        }
        await next();
    }
}

/// <summary>
/// <c>&lt;time at="@moment" /&gt;</c> (or <c>format="date"</c> / <c>"precise"</c>): the moment in the
/// company's zone for people and its UTC instant in <c>datetime</c> for machines.
/// </summary>
[HtmlTargetElement("time", Attributes = "at")]
public sealed class CompanyTimeTagHelper(CompanyTime time) : TagHelper
{
    public DateTimeOffset At { get; set; }

    public string? Format { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("datetime", CompanyTime.Machine(At));
        output.Content.SetContent(Format switch
        {
            "date" => time.Date(At),
            "precise" => time.Precise(At),
            _ => time.Format(At),
        });
    }
}
