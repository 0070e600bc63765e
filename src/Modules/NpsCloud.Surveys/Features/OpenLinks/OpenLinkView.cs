using Microsoft.AspNetCore.WebUtilities;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Surveys.Domain;

namespace NpsCloud.Surveys.Features.OpenLinks;

/// <param name="Url">The address to share (social media, WhatsApp, a QR code): <c>/s/{slug}</c>.</param>
/// <param name="KioskUrl">The address for one shared device at a counter: resets for the next person after each answer, without the duplicate guard.</param>
/// <param name="Live">Switched on and its survey not archived: the page takes answers.</param>
internal sealed record OpenLinkView(
    Guid SurveyId,
    string Slug,
    string Url,
    string KioskUrl,
    bool Enabled,
    bool Live,
    bool CollectName,
    bool CollectEmail,
    bool OneAnswerPerPerson,
    int DailyCap,
    IReadOnlyList<string> HiddenFields,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static OpenLinkView From(OpenLink link, Survey survey, PublicLinks links, OpenLinkKioskKeys kioskKeys)
    {
        var url = links.To($"s/{link.Slug}").ToString();
        return new OpenLinkView(
            link.SurveyId, link.Slug, url, QueryHelpers.AddQueryString(url, "kiosk", kioskKeys.For(link.TenantId, link.Slug)),
            link.Enabled, link.Enabled && survey.Status != SurveyStatuses.Archived, link.CollectName, link.CollectEmail || link.OneAnswerPerPerson,
            link.OneAnswerPerPerson, link.DailyCap, link.HiddenFields, link.CreatedAt, link.UpdatedAt);
    }
}
