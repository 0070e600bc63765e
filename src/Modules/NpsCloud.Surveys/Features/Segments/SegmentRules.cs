using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;
using NpsCloud.BuildingBlocks.Messaging;
using NpsCloud.Surveys.Domain;

namespace NpsCloud.Surveys.Features.Segments;

/// <summary>A segment as the API reads and writes it.</summary>
/// <param name="Filters">Every filter must hold: the contact's property (name compared case-insensitively) equals one of the values (trimmed, case-folded, Turkish I/ı/İ alike).</param>
/// <param name="CreatedAfter">Only contacts created at or after this moment.</param>
/// <param name="CreatedBefore">Only contacts created before this moment.</param>
internal sealed record SegmentInput(string? Name, SegmentFilterInput[]? Filters, DateTimeOffset? CreatedAfter, DateTimeOffset? CreatedBefore) : ISegmentInput;

/// <summary>What a segment command carries (its body's fields), so one validator serves create and update.</summary>
internal interface ISegmentInput
{
    string? Name { get; }
    SegmentFilterInput[]? Filters { get; }
    DateTimeOffset? CreatedAfter { get; }
    DateTimeOffset? CreatedBefore { get; }
}

internal sealed record SegmentFilterInput(string? Property, string[]? Values);

internal sealed record SegmentView(
    Guid Id, string Name, IReadOnlyList<Segment.Filter> Filters, DateTimeOffset? CreatedAfter, DateTimeOffset? CreatedBefore,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<Guid> UsedBySurveys)
{
    public static SegmentView From(Segment segment, IReadOnlyList<Guid> usedBy) => new(
        segment.Id, segment.Name, segment.ReadFilters(), segment.CreatedAfter, segment.CreatedBefore, segment.CreatedAt, segment.UpdatedAt, usedBy);
}

internal static class SegmentRules
{
    /// <summary>Dates outside this range are refused (they are typing mistakes, and the ends of the calendar break arithmetic).</summary>
    public static readonly DateTimeOffset EarliestDate = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset LatestDate = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task<Segment> FindAsync(SurveysDbContext db, Guid id, CancellationToken cancellationToken, bool track = false) =>
        await (track ? db.Segments : db.Segments.AsNoTracking()).FirstOrDefaultAsync(g => g.Id == id, cancellationToken)
        ?? throw new NotFoundException("The segment");

    public static async Task<SegmentView> ViewAsync(SurveysDbContext db, Segment segment, CancellationToken cancellationToken) =>
        SegmentView.From(segment, await db.Surveys.IgnoreQueryFilters([BuildingBlocks.Persistence.ModuleDbContext.DepartmentFilter])
            .Where(s => s.SegmentId == segment.Id).Select(s => s.Id).ToListAsync(cancellationToken));

    public static void Apply(Segment segment, ISegmentInput input, DateTimeOffset now)
    {
        segment.Name = input.Name!.Trim();
        segment.WriteFilters((input.Filters ?? []).Select(f => new Segment.Filter(f.Property!, f.Values!)));
        segment.CreatedAfter = input.CreatedAfter?.ToUniversalTime();
        segment.CreatedBefore = input.CreatedBefore?.ToUniversalTime();
        segment.UpdatedAt = now;
    }

    /// <summary>How many of the company's contacts the segment matches now, and how many of them may be mailed.</summary>
    public static async Task<(int Matching, int Subscribed)> CountAsync(SurveysDbContext db, Guid segmentId, CancellationToken cancellationToken)
    {
        // Constant text only (the shared audience and segment conditions); every value is a parameter.
        var sql = $"""
            select count(*)::int as matching,
                   (count(*) filter (where c.unsubscribed_at is null and c.bounced_at is null))::int as subscribed
              from surveys.segments g
              join surveys.contacts c on c.tenant_id = g.tenant_id
             where g.id = @segment and c.erased_at is null and {Segment.MatchSql}
            """;
        var row = await db.Database.SqlQueryRaw<CountRow>(sql, new NpgsqlParameter("segment", segmentId)).SingleAsync(cancellationToken);
        return (row.Matching, row.Subscribed);
    }

    private sealed record CountRow(int Matching, int Subscribed);

    /// <summary>The shared rules of a segment body; field names as the JSON spells them.</summary>
    public abstract class InputValidator<T> : AbstractValidator<T> where T : ISegmentInput
    {
        protected InputValidator(IStringLocalizer<SurveysText> text)
        {
            RuleFor(s => s.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage(_ => text["Validation.NameRequired"])
                .MaximumLength(Segment.MaxNameLength).WithMessage(_ => text["Validation.TooLong", Segment.MaxNameLength]);
            RuleFor(s => s.Filters).Must((s, f) => (f?.Length ?? 0) > 0 || s.CreatedAfter is not null || s.CreatedBefore is not null)
                .WithMessage(_ => text["Validation.SegmentEmpty"]).OverridePropertyName("filters");
            RuleFor(s => s.Filters).Must(f => f is null || f.Length <= Segment.MaxFilters)
                .WithMessage(_ => text["Validation.SegmentTooManyFilters", Segment.MaxFilters]).OverridePropertyName("filters");
            RuleForEach(s => s.Filters).NotNull().WithMessage(_ => text["Validation.SegmentProperty"]).ChildRules(filter =>
            {
                filter.RuleFor(f => f!.Property).Must(p => !string.IsNullOrWhiteSpace(p)).WithMessage(_ => text["Validation.SegmentProperty"])
                    .MaximumLength(Properties.MaxNameLength).WithMessage(_ => text["Validation.TooLong", Properties.MaxNameLength]);
                filter.RuleFor(f => f!.Values).Must(v => v is { Length: > 0 }).WithMessage(_ => text["Validation.SegmentValues"])
                    .Must(v => v is null || v.Length <= Segment.MaxValues).WithMessage(_ => text["Validation.SegmentTooManyValues", Segment.MaxValues]);
                filter.RuleForEach(f => f!.Values).Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage(_ => text["Validation.SegmentValues"])
                    .MaximumLength(Properties.MaxTextLength).WithMessage(_ => text["Validation.TooLong", Properties.MaxTextLength]);
            }).OverridePropertyName("filters");
            RuleFor(s => s.CreatedAfter).Must(InRange).WithMessage(_ => text["Validation.SegmentDate"]);
            RuleFor(s => s.CreatedBefore).Must(InRange).WithMessage(_ => text["Validation.SegmentDate"])
                .Must((s, before) => before is null || s.CreatedAfter is null || before > s.CreatedAfter).WithMessage(_ => text["Validation.SegmentDateOrder"]);
        }

        private static bool InRange(DateTimeOffset? date) => date is null || date >= EarliestDate && date < LatestDate;
    }
}
