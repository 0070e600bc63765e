using System.Text.Json;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.Surveys.Features.Contacts;

/// <summary><c>POST /contacts</c>: add or update the contact with this address (upsert).</summary>
internal static class UpsertContact
{
    public sealed record Command(string Email, string? Name = null, string? Locale = null, JsonElement? Properties = null)
        : IRequest<(ContactView Contact, bool Created)>, ITenantWrite, IManagersOnly;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SurveysText> text)
        {
            RuleFor(c => c.Email).ValidContactEmail(text);
            RuleFor(c => c.Name).MaximumLength(200).WithMessage(_ => text["Validation.TooLong", 200]);
            RuleFor(c => c.Locale).ValidOptionalLocale(text);
            RuleFor(c => c.Properties).ValidProperties(text);
        }
    }

    public sealed class Handler(SurveysDbContext db, TimeProvider clock) : IRequestHandler<Command, (ContactView, bool)>
    {
        public async Task<(ContactView, bool)> Handle(Command command, CancellationToken cancellationToken)
        {
            var (contact, created) = await ContactRules.UpsertAsync(db, command.Email, command.Name, command.Locale, command.Properties, clock.GetUtcNow(), cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // The same address was added a moment ago by another request: update that one instead.
                db.ChangeTracker.Clear();
                return await Handle(command, cancellationToken);
            }

            return (ContactView.From(contact), created);
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("", async (UpsertContact.Command command, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var (contact, created) = await mediator.Send(command, cancellationToken);
                return created ? Results.Created($"/api/v1/contacts/{contact.Id}", contact) : Results.Ok(contact);
            })
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Add a contact, or update the one with this email (an unsubscribe is never undone)")
            .WithDepartmentRule(DepartmentAccess.ManagersOnly)
            .WithIdempotencyKey()
            .Produces<ContactView>(StatusCodes.Status201Created)
            .Produces<ContactView>()
            .ProducesValidationProblem();
    }
}
