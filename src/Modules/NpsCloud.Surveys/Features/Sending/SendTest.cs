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
using NpsCloud.Contracts.Tenants;
using NpsCloud.Surveys.Domain;
using NpsCloud.Surveys.Features.Contacts;
using NpsCloud.Surveys.Features.Surveys;

namespace NpsCloud.Surveys.Features.Sending;

/// <summary>
/// "Send a test to me": the survey's invitation goes out at once, marked as a test, to the signed-in
/// person (or, for an API key, to the address given), whatever the survey's status (a draft is tried
/// before it is activated). Its link opens the normal answer page, and the answer is kept with the test,
/// never counted. At most <see cref="TestSend.DailyLimit"/> a survey in 24 hours. Before the company has
/// verified its address, a test goes only to its owners' or the signed-in person's own address.
/// </summary>
internal static class SendTest
{
    /// <param name="Email">Required for an API key; a signed-in person's test goes to their own address when it is left out.</param>
    public sealed record Command(Guid SurveyId, string? Email = null, string? Name = null) : IRequest<Sent>, ITenantWrite;

    public sealed record Body(string? Email, string? Name);

    public sealed record Sent(Guid Id, string Email, DateTimeOffset SentAt, DateTimeOffset ExpiresAt, int SentToday, int DailyLimit);

    /// <summary>The survey's test sends for the day are used up.</summary>
    public sealed class LimitReached(int limit)
        : DomainException(429, "test_send_limit", "Too many test sends", $"This survey has had {limit} test sends in the last 24 hours; try again later.");

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SurveysText> text)
        {
            RuleFor(c => c.Email!).ValidContactEmail(text).When(c => c.Email is not null);
            RuleFor(c => c.Name).MaximumLength(200).WithMessage(_ => text["Validation.TooLong", 200]);
        }
    }

    public sealed class Handler(SurveysDbContext db, IMediator mediator, ITenantContext tenant, ITestSendMail mail, TimeProvider clock)
        : IRequestHandler<Command, Sent>
    {
        public async Task<Sent> Handle(Command command, CancellationToken cancellationToken)
        {
            var survey = await SurveyRules.FindAsync(db, command.SurveyId, cancellationToken);
            if (survey.Status == SurveyStatuses.Archived) throw new ConflictException("The survey is archived: nothing more is sent.");

            var (email, name) = await RecipientAsync(command, cancellationToken);
            var now = clock.GetUtcNow();
            var today = await db.TestSends.CountAsync(t => t.SurveyId == survey.Id && t.SentAt > now.AddDays(-1), cancellationToken);
            if (today >= TestSend.DailyLimit) throw new LimitReached(TestSend.DailyLimit);

            var tenantId = tenant.RequiredTenantId;
            var verification = await mediator.Send(new GetEmailVerification(tenantId), cancellationToken);
            if (!verification.MaySendTo(email) && command.Email is not null)
            {
                throw new ConflictException("Until the company's email address is verified, tests go only to its owners' addresses.");
            }

            var token = LinkTokens.NewTestToken(tenantId);
            var test = new TestSend
            {
                TenantId = tenantId,
                Id = Guid.CreateVersion7(now),
                SurveyId = survey.Id,
                UserId = tenant.UserId,
                Email = email,
                Name = string.IsNullOrWhiteSpace(name) ? null : name.Trim(),
                Locale = survey.Locale,
                TokenHash = LinkTokens.Hash(token),
                SentAt = now,
                ExpiresAt = now.AddDays(survey.LinkValidDays),
            };

            // Sent before it is stored: a test the mail server refused leaves nothing behind to tick the checklist.
            var profile = await mediator.Send(new GetTenantProfile(tenantId), cancellationToken);
            await mail.SendAsync(survey, profile, test, token, cancellationToken);
            db.TestSends.Add(test);
            await db.SaveChangesAsync(CancellationToken.None);
            return new Sent(test.Id, test.Email, test.SentAt, test.ExpiresAt, today + 1, TestSend.DailyLimit);
        }

        /// <summary>The address given, or the signed-in person's own; an API key must name one.</summary>
        private async Task<(string Email, string? Name)> RecipientAsync(Command command, CancellationToken cancellationToken)
        {
            if (command.Email is { } given) return (given.Trim(), command.Name);
            if (tenant.UserId is not { } userId) throw new RequestValidationException("email", "Give the address to send the test to.");
            var users = await mediator.Send(new FindUsers([userId]), cancellationToken);
            if (!users.TryGetValue(userId, out var user)) throw new RequestValidationException("email", "Give the address to send the test to.");
            return (user.Email, command.Name ?? user.Name);
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/test-sends", async (Guid id, Body? body, IMediator mediator, CancellationToken cancellationToken) =>
                Results.Json(await mediator.Send(new Command(id, body?.Email, body?.Name), cancellationToken), statusCode: StatusCodes.Status201Created))
            .RequireAuthorization(ApiAuthorization.Write)
            .WithSummary("Send the survey's invitation now to one address as a test: it can be answered, and is never counted")
            .WithIdempotencyKey()
            .Produces<Sent>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }
}
