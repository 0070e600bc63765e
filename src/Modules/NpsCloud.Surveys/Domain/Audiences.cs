namespace NpsCloud.Surveys.Domain;

/// <summary>
/// Who a relationship survey asks. Its explicit members (typed, picked or uploaded) always; with
/// <see cref="All"/> also every contact of the company, with <see cref="Segment"/> also the contacts its
/// segment matches at that moment. Suppression and the throttle window then apply to each wave as usual.
/// </summary>
internal static class Audiences
{
    public const string Members = "members";
    public const string All = "all";
    public const string Segment = "segment";
    public static readonly string[] Modes = [Members, All, Segment];

    /// <summary>
    /// The survey <c>@survey</c>'s audience as one select of <c>contact_id</c> (erased contacts left out),
    /// evaluated in SQL when it runs: the wave, the audience counts and the member list share it.
    /// </summary>
    public static readonly string CandidatesSql = $"""
        select m.contact_id
          from surveys.survey_members m
          join surveys.contacts c on c.tenant_id = m.tenant_id and c.id = m.contact_id
         where m.survey_id = @survey and c.erased_at is null
        union
        select c.id
          from surveys.surveys s
          join surveys.contacts c on c.tenant_id = s.tenant_id
         where s.id = @survey and s.audience = 'all' and c.erased_at is null
        union
        select c.id
          from surveys.surveys s
          join surveys.segments g on g.tenant_id = s.tenant_id and g.id = s.segment_id
          join surveys.contacts c on c.tenant_id = s.tenant_id
         where s.id = @survey and s.audience = 'segment' and c.erased_at is null
           and {Domain.Segment.MatchSql}
        """;
}
