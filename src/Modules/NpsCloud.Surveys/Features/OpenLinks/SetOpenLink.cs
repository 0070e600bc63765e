using System.Text.RegularExpressions;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Surveys.Domain;
using NpsCloud.Surveys.Features.Surveys;

namespace NpsCloud.Surveys.Features.OpenLinks;

/// <summary>
/// <c>PUT /surveys/{id}/link</c>: the survey's open link as a whole (absent fields take their defaults); the
/// first PUT makes the link and its address. "One answer per person" asks for an email, so it turns the
/// email field on.
/// </summary>
internal static partial class SetOpenLink
{
    /// <param name="HiddenFields">At most 10 query parameter names (<c>order</c>, <c>store</c>: lower case letters, digits, <c>_</c>) stored as the answer's properties.</param>
    public sealed record Body(bool? Enabled = null, bool? CollectName = null, bool? CollectEmail = null, bool? OneAnswerPerPerson = null, int? DailyCap = null, List<string>? HiddenFields = null);

    public sealed record Command(Guid SurveyId, Body Link) : IRequest<OpenLinkView>, ITenantWrite;

    /// <summary>Parameters the page itself reads, never a hidden field.</summary>
    public static readonly string[] ReservedNames = ["lang", "kiosk", "score", "comment", "name", "email", "handler"];

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SurveysText> text)
        {
            RuleFor(c => c.Link.DailyCap).InclusiveBetween(1, OpenLink.MaxDailyCap).When(c => c.Link.DailyCap is not null)
                .WithMessage(_ => text["Validation.Between", 1, OpenLink.MaxDailyCap]).OverridePropertyName("dailyCap");
            RuleFor(c => c.Link.HiddenFields).Must(list => list is null || list.Count <= OpenLink.MaxHiddenFields)
                .WithMessage(_ => text["Validation.Widget.TooMany", OpenLink.MaxHiddenFields]).OverridePropertyName("hiddenFields");
            RuleForEach(c => c.Link.HiddenFields).Must(name => name is not null && FieldName().IsMatch(name) && !ReservedNames.Contains(name))
                .WithMessage(_ => text["Validation.OpenLink.HiddenField", string.Join(", ", ReservedNames)]).OverridePropertyName("hiddenFields")
                .When(c => c.Link.HiddenFields is { Count: <= OpenLink.MaxHiddenFields });
        }
    }

    public sealed class Handler(SurveysDbContext db, ITenantContext tenant, PublicLinks links, OpenLinkKioskKeys kioskKeys, TimeProvider clock)
        : IRequestHandler<Command, OpenLinkView>
    {
        public async Task<OpenLinkView> Handle(Command command, CancellationToken cancellationToken)
        {
            var survey = await SurveyRules.FindAsync(db, command.SurveyId, cancellationToken);
            var now = clock.GetUtcNow();
            var link = await db.OpenLinks.FirstOrDefaultAsync(l => l.SurveyId == survey.Id, cancellationToken);
            if (link is null)
            {
                if (survey.Status == SurveyStatuses.Archived) throw new ConflictException("An archived survey takes no new open link.");
                link = new OpenLink { TenantId = tenant.RequiredTenantId, SurveyId = survey.Id, Slug = "", CreatedAt = now };
                link.Renew();
                db.OpenLinks.Add(link);
            }

            var body = command.Link;
            link.Enabled = body.Enabled ?? true;
            link.CollectName = body.CollectName ?? false;
            link.OneAnswerPerPerson = body.OneAnswerPerPerson ?? false;
            link.CollectEmail = (body.CollectEmail ?? false) || link.OneAnswerPerPerson;
            link.DailyCap = body.DailyCap ?? OpenLink.DefaultDailyCap;
            link.HiddenFields = (body.HiddenFields ?? []).Distinct().ToList();
            link.UpdatedAt = now;
            await db.SaveChangesAsync(cancellationToken);
            return OpenLinkView.From(link, survey, links, kioskKeys);
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,39}$")]
    private static partial Regex FieldName();

    public static void Map(RouteGroupBuilder surveys) =>
        surveys.MapPut("/{id:guid}/link", (Guid id, Body body, IMediator mediator, CancellationToken cancellationToken) =>
                mediator.Send(new Command(id, body), cancellationToken))
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Open the survey to anyone with its link (/s/{slug}), or change or switch off the link; absent fields take their defaults")
            .Produces<OpenLinkView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
