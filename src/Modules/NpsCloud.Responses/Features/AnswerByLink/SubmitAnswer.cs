using MediatR;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.Responses;
using NpsCloud.Contracts.Surveys;
using NpsCloud.Responses.Domain;

namespace NpsCloud.Responses.Features.AnswerByLink;

/// <summary>
/// The respondent submits <c>/r/{token}</c>: it records the answer, one per invitation: a later submission
/// within the link's validity changes the score or the comment (reported as <see cref="ResponseUpdated"/>),
/// and a submission that changes nothing changes nothing. Accepted after a trial ends too: what a customer
/// says is never lost. A test send's link (<see cref="SurveyLink.IsTest"/>) records nothing here: its answer
/// stays with the test in Surveys.
/// </summary>
internal static class SubmitAnswer
{
    /// <param name="Comment">Null leaves the comment as it is (the score links carry none); empty removes it.</param>
    public sealed record Command(string Token, int Score, [MultiLine] string? Comment) : IRequest<AnswerLinkView?>;

    public sealed class Handler(ResponsesDbContext db, IMediator mediator, TenantContext tenant, TimeProvider clock) : IRequestHandler<Command, AnswerLinkView?>
    {
        public async Task<AnswerLinkView?> Handle(Command submit, CancellationToken cancellationToken)
        {
            if (submit.Score is < 0 or > 10) throw new RequestValidationException("score", "Choose a score from 0 to 10.");
            if (submit.Comment?.Length > Response.MaxCommentLength)
            {
                throw new RequestValidationException("comment", $"Please keep the comment under {Response.MaxCommentLength} characters.");
            }

            if (await AnswerByLinkRules.FindLinkAsync(mediator, tenant, submit.Token, cancellationToken) is not { } link) return null;
            var now = clock.GetUtcNow();
            if (link.ExpiresAt <= now) return await AnswerByLinkRules.OpenAsync(db, mediator, tenant, clock, submit.Token, cancellationToken);

            var comment = submit.Comment is null ? null : submit.Comment.Trim();
            if (link.IsTest)
            {
                // A test send: the answer is kept with the test, and never recorded, published or counted.
                var test = await mediator.Send(new RecordTestAnswer(link.InvitationId, submit.Score, comment), cancellationToken);
                return test is null ? null : new AnswerLinkView(link, false, test.Score, test.Comment);
            }

            try
            {
                await RecordAsync(link, submit.Score, comment, now, cancellationToken);
            }
            catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // The same link submitted twice at once (a double click, the page's own submit and the
                // button): the other request recorded it; this one becomes a change to it.
                db.ChangeTracker.Clear();
                await RecordAsync(link, submit.Score, comment, now, cancellationToken);
            }

            return new AnswerLinkView(link, false, submit.Score, submit.Comment is null ? await CommentAsync(link, cancellationToken) : comment is "" ? null : comment);
        }

        private async Task RecordAsync(SurveyLink link, int score, string? comment, DateTimeOffset now, CancellationToken cancellationToken)
        {
            // The answer is locked while it changes: two changes at once would otherwise both report the same
            // previous score, and the rollups, which move one count from the previous score to the new one,
            // would count one answer twice.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var response = await db.Responses
                .FromSql($"select * from responses.responses where invitation_id = {link.InvitationId} for update")
                .SingleOrDefaultAsync(cancellationToken);
            if (response is null)
            {
                response = new Response
                {
                    TenantId = link.TenantId,
                    Id = Guid.CreateVersion7(now),
                    SurveyId = link.SurveyId,
                    InvitationId = link.InvitationId,
                    ContactId = link.ContactId,
                    DepartmentId = link.DepartmentId,
                    Touchpoint = link.Touchpoint,
                    Channel = ResponseChannels.Email,
                    Score = score,
                    Comment = string.IsNullOrEmpty(comment) ? null : comment,
                    Locale = link.Locale,
                    RespondedAt = now,
                    RecordedAt = now,
                    UpdatedAt = now,
                };
                db.Responses.Add(response);
                db.Publish(response.Recorded(now));
            }
            else
            {
                var newComment = comment is null ? response.Comment : comment.Length == 0 ? null : comment;
                if (response.Score == score && response.Comment == newComment) return;
                var (previousScore, previousComment) = (response.Score, response.Comment);
                response.Score = score;
                response.Comment = newComment;
                response.Revision++;
                response.UpdatedAt = now;
                db.Publish(response.Updated(previousScore, previousComment, now));
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        private async Task<string?> CommentAsync(SurveyLink link, CancellationToken cancellationToken) =>
            await db.Responses.AsNoTracking().Where(r => r.InvitationId == link.InvitationId).Select(r => r.Comment).FirstOrDefaultAsync(cancellationToken);
    }
}
