using MediatR;

namespace NpsCloud.Contracts.Surveys;

/// <summary>
/// The open link with this slug (<c>/s/{slug}</c>), in whichever tenant has it, with what its page shows;
/// null for a slug no link has. <paramref name="KioskKey"/>, when given, is checked: the answer says whether
/// the page runs as a kiosk. A cross-tenant path (surveys.find_open_link): it reads in a scope of the
/// link's tenant and leaves the caller's alone. Answered by the Surveys module.
/// </summary>
public sealed record FindOpenLink(string Slug, string? KioskKey = null) : IRequest<OpenLinkInfo?>;

/// <param name="Live">Switched on, and its survey is not archived: it takes answers.</param>
/// <param name="Kiosk">The kiosk key given is this link's: one shared device, reset after each answer, no duplicate guard.</param>
/// <param name="HiddenFields">Query parameters stored as the response's properties.</param>
/// <param name="DeviceSalt">Salts the duplicate guard's hash of a device's address and user agent.</param>
/// <param name="TimeZone">The company's zone: the daily cap counts its days.</param>
/// <param name="Texts">What the page asks, by language (<c>en</c>, <c>tr</c>).</param>
/// <param name="ReplyWithinHours">When the company tells detractors it will get back to them: the follow-up SLA in hours; null promises nothing.</param>
public sealed record OpenLinkInfo(
    Guid TenantId,
    Guid SurveyId,
    string Slug,
    bool Live,
    bool Kiosk,
    bool CollectName,
    bool CollectEmail,
    bool OneAnswerPerPerson,
    int DailyCap,
    IReadOnlyList<string> HiddenFields,
    byte[] DeviceSalt,
    Guid? DepartmentId,
    string? Touchpoint,
    string Locale,
    string TimeZone,
    string Company,
    string? LogoUrl,
    string BrandColor,
    IReadOnlyDictionary<string, QuestionTexts> Texts,
    int? ReplyWithinHours = null);
