using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NpsCloud.Contracts.Responses;
using NpsCloud.Responses;
using NpsCloud.Responses.Features.Import;
using NpsCloud.Responses.Features.Responses;

namespace NpsCloud.UnitTests.Responses;

public sealed class ResponseRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static RecordResponse.Validator Validator()
    {
        var factory = new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance);
        return new RecordResponse.Validator(new StringLocalizer<ResponsesText>(factory), new FakeTimeProvider(Now));
    }

    [Theory]
    [InlineData(0, "detractor")]
    [InlineData(6, "detractor")]
    [InlineData(7, "passive")]
    [InlineData(8, "passive")]
    [InlineData(9, "promoter")]
    [InlineData(10, "promoter")]
    public void Scores_fall_into_the_three_nps_categories(int score, string category) => Assert.Equal(category, NpsCategories.Of(score));

    [Fact]
    public void A_score_off_the_scale_has_no_category()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NpsCategories.Of(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => NpsCategories.Of(11));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("with, comma", "\"with, comma\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("=SUM(A1:A9)", "'=SUM(A1:A9)")]
    [InlineData("+90 555", "'+90 555")]
    [InlineData("-1 star", "'-1 star")]
    [InlineData("@channel", "'@channel")]
    [InlineData("", "")]
    public void Export_cells_are_quoted_by_rfc_4180_and_never_run_as_formulas(string value, string cell) =>
        Assert.Equal(cell, ExportResponses.Cell(value));

    [Theory]
    [InlineData("  Late   Delivery ", "late delivery")]
    [InlineData("VIP", "vip")]
    public void Tags_are_trimmed_collapsed_and_lower_case(string tag, string normalized) => Assert.Equal(normalized, ResponseTags.Normalize(tag));

    [Theory]
    [InlineData("text/csv", "csv")]
    [InlineData("text/csv; charset=utf-8", "csv")]
    [InlineData("application/x-ndjson", "jsonl")]
    [InlineData("application/jsonl", "jsonl")]
    [InlineData("application/json", null)]
    [InlineData(null, null)]
    public void The_import_format_comes_from_the_content_type(string? contentType, string? format) =>
        Assert.Equal(format, ImportResponses.Formats.FromContentType(contentType));

    [Fact]
    public void A_valid_answer_passes_and_each_rule_names_its_field()
    {
        var validator = Validator();
        var valid = new RecordResponse.Command(Guid.NewGuid(), "a@example.test", null, 7, "ok", Now.AddDays(-1));
        Assert.True(validator.Validate(valid).IsValid);

        static string Field(FluentValidation.Results.ValidationResult result) => Assert.Single(result.Errors.Select(e => e.PropertyName).Distinct());
        Assert.Equal("SurveyId", Field(validator.Validate(valid with { SurveyId = null })));
        Assert.Equal("Email", Field(validator.Validate(valid with { Email = null })));
        Assert.Equal("Email", Field(validator.Validate(valid with { ContactId = Guid.NewGuid() })));
        Assert.True(validator.Validate(valid with { Email = null, ContactId = Guid.NewGuid() }).IsValid);
        Assert.Equal("Score", Field(validator.Validate(valid with { Score = 11 })));
        Assert.Equal("Score", Field(validator.Validate(valid with { Score = null })));
        Assert.Equal("CreatedAt", Field(validator.Validate(valid with { CreatedAt = Now.AddHours(1) })));
        Assert.True(validator.Validate(valid with { CreatedAt = Now.AddMinutes(4) }).IsValid); // clock skew
        Assert.Equal("Comment", Field(validator.Validate(valid with { Comment = new string('x', 5001) })));
    }

    [Fact]
    public void Validation_messages_speak_turkish_to_a_turkish_caller()
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("tr");
        try
        {
            var result = Validator().Validate(new RecordResponse.Command(Guid.NewGuid(), "a@example.test", null, 12));
            Assert.Equal("0 ile 10 arasında bir tam sayı kullanın.", Assert.Single(result.Errors).ErrorMessage);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
