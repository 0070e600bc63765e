using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.BuildingBlocks.Web;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Surveys.Domain;
using NpsCloud.Surveys.Features.Surveys;

namespace NpsCloud.Surveys.Features.Members;

/// <summary>
/// <c>GET /surveys/{id}/members</c>: a relationship survey's audience (its members, plus every contact or
/// its segment's matches when chosen), each with their state in this survey, read from their latest
/// invitation of it, and the next send only when one is really ahead.
/// </summary>
internal static class ListMembers
{
    public sealed record Query(Guid SurveyId, int? Limit, string? Cursor) : IRequest<Page<Member>>;

    /// <param name="AddedAt">When the contact was made a member; null for one the survey reaches through all contacts or its segment.</param>
    /// <param name="Source"><c>member</c> (added by address, pick or CSV), <c>all</c> or <c>segment</c>.</param>
    /// <param name="Status">Whether the contact may be mailed at all: <c>eligible</c>, <c>unsubscribed</c> or <c>bounced</c>.</param>
    /// <param name="State">
    /// Where the member stands in this survey: <c>eligible</c> (not invited yet), <c>scheduled</c> (an
    /// invitation waits to go; <paramref name="Reason"/> says why when it is held), <c>sent</c>,
    /// <c>answered</c>, <c>throttled</c> (skipped: surveyed within the throttle window), <c>failed</c>,
    /// <c>bounced</c>, <c>unsubscribed</c>, <c>suppressed</c> (not sent: the survey was archived) or <c>cancelled</c>.
    /// </param>
    /// <param name="NextSendAt">When this member will next be sent to, if nothing stops it: a waiting invitation's next attempt, else the next wave after their throttle window; null when nothing is ahead.</param>
    public sealed record Member(
        Guid ContactId, string? Email, string? Name, DateTimeOffset? AddedAt, string Source, string Status, string State, string? Reason,
        DateTimeOffset? LastSurveyedAt, DateTimeOffset? InvitedAt, DateTimeOffset? SentAt, DateTimeOffset? RespondedAt, DateTimeOffset? NextSendAt);

    public static class States
    {
        public const string Eligible = "eligible";
        public const string Scheduled = "scheduled";
        public const string Sent = "sent";
        public const string Answered = "answered";
        public const string Throttled = "throttled";
        public const string Failed = "failed";
        public const string Bounced = "bounced";
        public const string Unsubscribed = "unsubscribed";
        public const string Suppressed = "suppressed";
        public const string Cancelled = "cancelled";
    }

    private sealed record Row(
        Guid Id, string? Email, string? Name, DateTimeOffset? UnsubscribedAt, DateTimeOffset? BouncedAt, DateTimeOffset? LastSurveyedAt, DateTimeOffset? AddedAt,
        string? InvitationStatus, string? Reason, DateTimeOffset? ScheduledAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? SentAt, DateTimeOffset? RespondedAt);

    public sealed class Handler(SurveysDbContext db, IWaveTriggers triggers, IMediator mediator, ITenantContext tenant, TimeProvider clock) : IRequestHandler<Query, Page<Member>>
    {
        public async Task<Page<Member>> Handle(Query query, CancellationToken cancellationToken)
        {
            var survey = await SurveyRules.FindAsync(db, query.SurveyId, cancellationToken);
            var limit = Paging.Limit(query.Limit);
            var after = Paging.After(query.Cursor);
            // Constant text only (the shared audience and segment conditions); every value is a parameter.
            var sql = $"""
                with audience as (
                    {Audiences.CandidatesSql}
                ),
                page as (
                    select c.id, c.email, c.name, c.unsubscribed_at, c.bounced_at, c.last_surveyed_at
                      from audience a
                      join surveys.contacts c on c.id = a.contact_id
                     where @after::uuid is null or c.id > @after::uuid
                     order by c.id
                     limit @take
                )
                select page.id as id, page.email as email, page.name as name, page.unsubscribed_at as unsubscribed_at,
                       page.bounced_at as bounced_at, page.last_surveyed_at as last_surveyed_at, m.added_at as added_at,
                       latest.status as invitation_status, latest.reason as reason, latest.scheduled_at as scheduled_at,
                       latest.next_attempt_at as next_attempt_at, latest.sent_at as sent_at, latest.responded_at as responded_at
                  from page
                  left join surveys.survey_members m on m.survey_id = @survey and m.contact_id = page.id
                  left join lateral (
                        select i.status, i.reason, i.scheduled_at, i.next_attempt_at, i.sent_at, i.responded_at
                          from surveys.invitations i
                         where i.survey_id = @survey and i.contact_id = page.id
                         order by i.created_at desc, i.scheduled_at desc
                         limit 1) latest on true
                 order by page.id
                """;
            var rows = await db.Database.SqlQueryRaw<Row>(sql,
                new NpgsqlParameter("survey", survey.Id),
                new NpgsqlParameter("after", NpgsqlTypes.NpgsqlDbType.Uuid) { Value = (object?)after ?? DBNull.Value },
                new NpgsqlParameter("take", limit + 1)).ToListAsync(cancellationToken);
            var page = Paging.Of(rows, limit, r => r.Id);
            var throttleDays = (await mediator.Send(new GetTenantProfile(tenant.RequiredTenantId), cancellationToken)).ThrottleDays;
            var now = clock.GetUtcNow();
            var members = new List<Member>();
            foreach (var row in page.Items)
            {
                var status = row.UnsubscribedAt is not null ? "unsubscribed" : row.BouncedAt is not null ? "bounced" : "eligible";
                var state = StateOf(row);
                DateTimeOffset? next = null;
                if (survey.Status == SurveyStatuses.Active && status == "eligible")
                {
                    if (state == States.Scheduled)
                    {
                        next = row.NextAttemptAt is { } attempt && attempt > now ? attempt : now;
                    }
                    else
                    {
                        // The next wave after both their throttle window and the wave that last reached them.
                        var from = row.LastSurveyedAt?.AddDays(throttleDays) ?? DateTimeOffset.MinValue;
                        if (row.ScheduledAt is { } last && last.AddSeconds(1) > from) from = last.AddSeconds(1);
                        next = await triggers.WaveAtOrAfterAsync(survey.TenantId, survey.Id, from, cancellationToken);
                    }
                }

                members.Add(new Member(
                    row.Id, row.Email, row.Name, row.AddedAt, row.AddedAt is not null ? "member" : survey.Audience, status, state, row.InvitationStatus is null ? null : row.Reason,
                    row.LastSurveyedAt, row.ScheduledAt, row.SentAt, row.RespondedAt, next));
            }

            return new Page<Member>(members, page.Next);
        }

        private static string StateOf(Row row)
        {
            if (row.RespondedAt is not null) return States.Answered;
            if (row.UnsubscribedAt is not null) return States.Unsubscribed;
            if (row.BouncedAt is not null) return States.Bounced;
            return row.InvitationStatus switch
            {
                null => States.Eligible,
                InvitationStatuses.Scheduled => States.Scheduled,
                InvitationStatuses.Sent => States.Sent,
                InvitationStatuses.Throttled => States.Throttled,
                InvitationStatuses.Failed => States.Failed,
                InvitationStatuses.Bounced => States.Bounced,
                InvitationStatuses.Cancelled => States.Cancelled,
                InvitationStatuses.Suppressed => row.Reason switch
                {
                    "unsubscribed" => States.Unsubscribed,
                    "bounced" => States.Bounced,
                    _ => States.Suppressed,
                },
                _ => States.Suppressed,
            };
        }
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}/members", async (Guid id, int? limit, string? cursor, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
                (await mediator.Send(new ListMembers.Query(id, limit, cursor), cancellationToken)).WithLink(http))
            .RequireAuthorization(ApiAuthorization.Read)
            .WithSummary("A relationship survey's audience, each member with their state from their latest invitation and their next send when one is ahead");
    }
}
