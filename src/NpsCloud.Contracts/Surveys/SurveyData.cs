using MediatR;

namespace NpsCloud.Contracts.Surveys;

/// <summary>A survey of the current tenant (archived ones too), or null: another tenant's id is not found. Answered by the Surveys module.</summary>
public sealed record FindSurvey(Guid SurveyId) : IRequest<SurveyInfo?>;

/// <summary>The current tenant's surveys, by name (for filters and pickers in other modules' pages).</summary>
public sealed record ListSurveyInfos : IRequest<IReadOnlyList<SurveyInfo>>;

/// <param name="Kind"><c>relationship</c> or <c>transactional</c>.</param>
public sealed record SurveyInfo(Guid Id, string Name, string Kind, string Status, Guid? DepartmentId, string? Touchpoint, string Locale);

/// <summary>
/// The invitation behind a link from a survey email, with what the response page shows in the
/// invitation's language; null for a token no invitation has. A cross-tenant path: it sets the scope's
/// tenant to the link's tenant, so the caller goes on in that tenant.
/// </summary>
public sealed record OpenSurveyLink(string Token) : IRequest<SurveyLink?>;

/// <param name="FollowUps">The open question after the score, by category (<c>promoter</c>, <c>passive</c>, <c>detractor</c>).</param>
/// <param name="IsTest">
/// A test send's link ("send a test to me"): <paramref name="InvitationId"/> is the test send's id, there is no
/// contact (<see cref="Guid.Empty"/>), and an answer is never a response: record it with <see cref="RecordTestAnswer"/>.
/// </param>
/// <param name="TestScore">For a test link, the score given through it so far (a test's answer stays in Surveys).</param>
/// <param name="TestComment">For a test link, the comment given through it so far.</param>
/// <param name="PromoterStep">What the thank-you page offers a promoter next (through <c>/r/{token}/next</c>); null offers nothing.</param>
/// <param name="ReplyWithinHours">
/// When the company tells detractors it will get back to them: the follow-up SLA in hours (the survey's
/// department's, else the company's); null promises nothing.
/// </param>
public sealed record SurveyLink(
    Guid TenantId,
    Guid InvitationId,
    Guid SurveyId,
    Guid ContactId,
    string Locale,
    DateTimeOffset ExpiresAt,
    Guid? DepartmentId,
    string? Touchpoint,
    string Company,
    string Question,
    IReadOnlyDictionary<string, string> FollowUps,
    string BrandColor,
    string? LogoUrl,
    bool IsTest = false,
    int? TestScore = null,
    string? TestComment = null,
    PromoterNextStep? PromoterStep = null,
    int? ReplyWithinHours = null);

/// <param name="Kind"><c>review</c> (a review site) or <c>referral</c> (a referral page).</param>
/// <param name="Label">The button's label in the survey's language; null shows the kind's default in the page's language.</param>
public sealed record PromoterNextStep(string Kind, string? Label);

/// <summary>
/// The contacts with these addresses, in the same order; addresses no contact has yet become contacts
/// (an import names people by email). Answered by the Surveys module.
/// </summary>
public sealed record ResolveContacts(IReadOnlyList<string> Emails, IReadOnlyList<string?>? Names = null) : IRequest<IReadOnlyList<Guid>>;

/// <summary>
/// Which of these contact ids are contacts of the current tenant (erased ones included: their anonymous
/// scores count) that the caller may see: for a caller limited to departments, those its departments'
/// surveys reach. <paramref name="OfVisibleRows"/> says the ids come from rows the caller was already
/// allowed to see (its departments' answers and cases), so their people are shown whichever surveys
/// reach them; never set it for ids a client sent.
/// </summary>
public sealed record FindContacts(IReadOnlyCollection<Guid> ContactIds, bool OfVisibleRows = false) : IRequest<IReadOnlyDictionary<Guid, ContactInfo>>;

/// <param name="Email">Null once the contact was erased.</param>
public sealed record ContactInfo(Guid Id, string? Email, string? Name);

/// <summary>A person's data was erased (KVKK/GDPR): every module removes what it kept about them, scores stay anonymous.</summary>
public sealed record ContactErased(Guid EventId, Guid TenantId, DateTimeOffset OccurredAt, Guid ContactId) : IIntegrationEvent;

/// <summary>
/// A contact stopped all survey mail (published once, when they go from subscribed to unsubscribed).
/// <paramref name="Source"/> is <see cref="UnsubscribeSources.Api"/> or <see cref="UnsubscribeSources.Link"/>.
/// </summary>
public sealed record ContactUnsubscribed(Guid EventId, Guid TenantId, DateTimeOffset OccurredAt, Guid ContactId, string Source) : IIntegrationEvent;

/// <summary>How a contact unsubscribed: through the API (<c>POST /contacts/{id}/unsubscribe</c>) or an email's unsubscribe link (or a mail client's one-click).</summary>
public static class UnsubscribeSources
{
    public const string Api = "api";
    public const string Link = "link";
}

/// <summary>
/// Invitations sent in [<paramref name="From"/>, <paramref name="Until"/>) (of one survey when named) and
/// how many of them were answered: the response rate. Answered by the Surveys module.
/// </summary>
public sealed record CountInvitationResponses(DateTimeOffset From, DateTimeOffset Until, Guid? SurveyId = null) : IRequest<InvitationResponses>;

public sealed record InvitationResponses(int Sent, int Responded)
{
    /// <summary>Responded as a percentage of sent, one decimal; null when nothing was sent.</summary>
    public double? Rate => Sent == 0 ? null : Math.Round(100.0 * Responded / Sent, 1, MidpointRounding.AwayFromZero);
}
