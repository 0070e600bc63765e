using MediatR;
using Npgsql;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.Tenants;
using NpsCloud.Surveys.Domain;

namespace NpsCloud.Surveys.Features.Surveys;

/// <summary>
/// One wave of a relationship survey: everyone in its audience at that moment (its members, plus every
/// contact or its segment's matches, see <see cref="Audiences"/>) who may be mailed (not unsubscribed,
/// bounced or erased) gets an invitation, unless surveyed within the tenant's throttle window, which is recorded as
/// throttled. Safe to run twice for the same slot: the wave row is locked and each contact gets at most
/// one invitation per wave.
/// </summary>
internal static class StartWave
{
    public sealed record Command(Guid SurveyId, DateTimeOffset Slot) : IRequest<Result>;

    public sealed record Result(bool Started, int Invited, int Throttled);

    public sealed class Handler(TenantConnectionFactory connections, IMediator mediator, ITenantContext tenant, SendingSignal signal, TimeProvider clock)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var profile = await mediator.Send(new GetTenantProfile(tenant.RequiredTenantId), cancellationToken);
            if (!profile.CanWrite) return new Result(false, 0, 0); // an expired trial sends nothing

            await using var connection = await connections.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var prepare = new NpgsqlCommand("""
                with survey as (
                    select s.tenant_id, s.id, s.locale, s.link_valid_days
                      from surveys.surveys s
                     where s.id = @survey and s.status = 'active' and s.kind = 'relationship'
                ),
                created as (
                    insert into surveys.waves (tenant_id, id, survey_id, slot, created_at)
                    select tenant_id, gen_random_uuid(), id, @slot, @now from survey
                    on conflict (tenant_id, survey_id, slot) do nothing
                )
                select 1 from survey
                """, connection, transaction);
            prepare.Parameters.AddWithValue("survey", command.SurveyId);
            prepare.Parameters.AddWithValue("slot", command.Slot);
            prepare.Parameters.AddWithValue("now", clock.GetUtcNow());
            if (await prepare.ExecuteScalarAsync(cancellationToken) is null) return new Result(false, 0, 0);

            // Lock the wave: a second run for the same slot (another host, a retry) waits here and then
            // finds every member already handled.
            await using var invite = new NpgsqlCommand($"""
                with wave as (
                    select w.tenant_id, w.id, w.slot from surveys.waves w
                     where w.survey_id = @survey and w.slot = @slot
                       for update
                ),
                survey as (select s.locale, s.link_valid_days from surveys.surveys s where s.id = @survey),
                audience as (
                    {Audiences.CandidatesSql}
                ),
                candidates as (
                    select c.id as contact_id, coalesce(c.locale, survey.locale) as locale,
                           c.last_surveyed_at > @slot - make_interval(days => @throttle) as throttled
                      from audience a
                      join surveys.contacts c on c.id = a.contact_id
                      cross join survey
                     where c.erased_at is null and c.unsubscribed_at is null and c.bounced_at is null
                       and not exists (select from surveys.invitations i, wave
                                        where i.tenant_id = wave.tenant_id and i.wave_id = wave.id and i.contact_id = c.id)
                ),
                inserted as (
                    insert into surveys.invitations (tenant_id, id, survey_id, contact_id, wave_id, status, reason, locale,
                                                     scheduled_at, expires_at, next_attempt_at, created_at)
                    select wave.tenant_id, gen_random_uuid(), @survey, candidates.contact_id, wave.id,
                           case when coalesce(candidates.throttled, false) then 'throttled' else 'scheduled' end,
                           case when coalesce(candidates.throttled, false) then 'surveyed within ' || @throttle || ' days' end,
                           candidates.locale, wave.slot, wave.slot + make_interval(days => survey.link_valid_days), wave.slot, @now
                      from candidates cross join wave cross join survey
                    on conflict do nothing
                    returning contact_id, status
                ),
                surveyed as (
                    update surveys.contacts c set last_surveyed_at = @slot
                      from inserted
                     where inserted.status = 'scheduled' and c.id = inserted.contact_id
                       and (c.last_surveyed_at is null or c.last_surveyed_at < @slot)
                ),
                counted as (
                    update surveys.waves w
                       set invited = w.invited + (select count(*) from inserted where status = 'scheduled'),
                           throttled = w.throttled + (select count(*) from inserted where status = 'throttled')
                      from wave where w.tenant_id = wave.tenant_id and w.id = wave.id
                    returning w.invited, w.throttled
                )
                select invited, throttled from counted
                """, connection, transaction);
            invite.Parameters.AddWithValue("survey", command.SurveyId);
            invite.Parameters.AddWithValue("slot", command.Slot);
            invite.Parameters.AddWithValue("now", clock.GetUtcNow());
            invite.Parameters.AddWithValue("throttle", profile.ThrottleDays);
            int invited = 0, throttled = 0;
            await using (var reader = await invite.ExecuteReaderAsync(cancellationToken))
            {
                if (await reader.ReadAsync(cancellationToken)) (invited, throttled) = (reader.GetInt32(0), reader.GetInt32(1));
            }

            await transaction.CommitAsync(cancellationToken);
            signal.Notify();
            return new Result(true, invited, throttled);
        }
    }
}
