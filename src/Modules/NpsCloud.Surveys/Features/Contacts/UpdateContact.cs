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
using NpsCloud.Surveys.Domain;

namespace NpsCloud.Surveys.Features.Contacts;

/// <summary><c>PATCH /contacts/{id}</c>: name, language, email and properties (merged; a null property removes it).</summary>
internal static class UpdateContact
{
    public sealed record Command(Guid Id, string? Email, string? Name, string? Locale, JsonElement? Properties) : IRequest<ContactView>, ITenantWrite;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SurveysText> text)
        {
            RuleFor(c => c.Email!).ValidContactEmail(text).When(c => c.Email is not null);
            RuleFor(c => c.Name).MaximumLength(200).WithMessage(_ => text["Validation.TooLong", 200]);
            RuleFor(c => c.Locale).ValidOptionalLocale(text);
            RuleFor(c => c.Properties).ValidProperties(text);
        }
    }

    public sealed class Handler(SurveysDbContext db, TimeProvider clock) : IRequestHandler<Command, ContactView>
    {
        public async Task<ContactView> Handle(Command command, CancellationToken cancellationToken)
        {
            var contact = await ContactRules.FindAsync(db, command.Id, cancellationToken);
            if (command.Email is { } email)
            {
                contact.Email = email.Trim();
                contact.NormalizedEmail = Contact.Normalize(email);
            }

            if (command.Name is not null) contact.Name = string.IsNullOrWhiteSpace(command.Name) ? null : command.Name.Trim();
            if (command.Locale is not null) contact.Locale = command.Locale;
            contact.Properties = ContactRules.Merge(contact.Properties, command.Properties);
            contact.UpdatedAt = clock.GetUtcNow();
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                throw new ConflictException("Another contact already has this email address.");
            }

            return ContactView.From(contact);
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPatch("/{id:guid}", (Guid id, UpdateContact.Command body, IMediator mediator, CancellationToken cancellationToken) =>
                mediator.Send(body with { Id = id }, cancellationToken))
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Change email, name, locale; properties merge (a null property removes it)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
