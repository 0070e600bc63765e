using System.Text;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.BuildingBlocks.Tenancy;
using NpsCloud.Contracts.Responses;
using NpsCloud.Responses.Features.Import;

namespace NpsCloud.Responses.ForOtherModules;

/// <summary>
/// Counts of each score per local day and bucket, for the Scoring module's rollups. The time range is in
/// UTC instants (so the (tenant, survey, responded_at) index serves it); only the grouping uses the time zone.
/// The rollups hold every department's counts, so a caller limited to departments may not ask: the raw
/// SQL here does not pass through the department filter, and a partial count would overwrite the rollups.
/// An answer flagged as suspected automation is not counted, as the live path (which hears no event of it) does not.
/// </summary>
internal sealed class CountResponseScoresHandler(ResponsesDbContext db, ITenantContext tenant) : IRequestHandler<CountResponseScores, IReadOnlyList<ScoreBucket>>
{
    public Task<IReadOnlyList<ScoreBucket>> Handle(CountResponseScores request, CancellationToken cancellationToken)
    {
        if (tenant.VisibleDepartments is not null) throw new DepartmentLimitedException();
        return CountAsync(db, request, cancellationToken);
    }

    /// <summary>The counts, in the caller's transaction if it has one (<see cref="CountAllResponseScoresHandler"/> reads them in its snapshot).</summary>
    public static async Task<IReadOnlyList<ScoreBucket>> CountAsync(ResponsesDbContext db, CountResponseScores request, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder("""
            select (responded_at at time zone @zone)::date as day, survey_id, department_id, touchpoint, channel,
                   array[count(*) filter (where score = 0), count(*) filter (where score = 1), count(*) filter (where score = 2),
                         count(*) filter (where score = 3), count(*) filter (where score = 4), count(*) filter (where score = 5),
                         count(*) filter (where score = 6), count(*) filter (where score = 7), count(*) filter (where score = 8),
                         count(*) filter (where score = 9), count(*) filter (where score = 10)]::int[] as counts
              from responses.responses
             where not suspected_automation
            """);
        var parameters = new List<object> { new NpgsqlParameter("zone", NpgsqlDbType.Text) { Value = request.TimeZone } };
        void Where(string condition, string name, NpgsqlDbType type, object? value)
        {
            if (value is null) return;
            sql.Append(" and ").Append(condition);
            parameters.Add(new NpgsqlParameter(name, type) { Value = value });
        }

        Where("responded_at >= @from", "from", NpgsqlDbType.TimestampTz, request.From);
        Where("responded_at < @until", "until", NpgsqlDbType.TimestampTz, request.Until);
        Where("survey_id = @survey", "survey", NpgsqlDbType.Uuid, request.SurveyId);
        Where("import_id = @import", "import", NpgsqlDbType.Uuid, request.ImportId);
        sql.Append(" group by 1, 2, 3, 4, 5");

        // Counting years of a large survey (a rebuild, an import's days) outlasts the default command timeout.
        db.Database.SetCommandTimeout(ImportResponses.LongWork);
        var rows = await db.Database.SqlQueryRaw<Row>(sql.ToString(), parameters.ToArray()).ToListAsync(cancellationToken);
        return rows.Select(r => new ScoreBucket(r.Day, r.SurveyId, r.DepartmentId, r.Touchpoint, r.Channel, r.Counts)).ToList();
    }

    private sealed class Row
    {
        public DateOnly Day { get; init; }
        public Guid SurveyId { get; init; }
        public Guid? DepartmentId { get; init; }
        public string? Touchpoint { get; init; }
        public required string Channel { get; init; }
        public required int[] Counts { get; init; }
    }
}
