using NpsCloud.Scoring.Domain;

namespace NpsCloud.UnitTests.Scoring;

/// <summary>The check values of the scoring issue and docs/scoring.md, and the edges.</summary>
public sealed class NpsStatisticsTests
{
    private static readonly CategoryCounts Small = new(Promoters: 32, Passives: 13, Detractors: 6);

    [Fact]
    public void Seventy_five_ten_fifteen_gives_sixty() =>
        Assert.Equal(60.0, NpsStatistics.Score(new CategoryCounts(75, 10, 15)));

    [Fact]
    public void The_wald_interval_of_32_13_6_is_31_9_to_70_1()
    {
        var estimate = NpsStatistics.Estimate(Small, IntervalMethod.Wald);

        Assert.Equal(51.0, estimate.Nps);
        Assert.Equal(19.1, estimate.MarginOfError);
        Assert.Equal(31.9, estimate.Low);
        Assert.Equal(70.1, estimate.High);
        Assert.Equal(51.0, estimate.Centre);
        Assert.Equal(51, estimate.Responses);
    }

    [Fact]
    public void The_adjusted_wald_interval_of_32_13_6_is_centred_on_48_1_and_runs_29_3_to_67_0()
    {
        var estimate = NpsStatistics.Estimate(Small); // adjusted-Wald at 95% is the default

        Assert.Equal(IntervalMethod.AdjustedWald, estimate.Method);
        Assert.Equal(51.0, estimate.Nps); // always the observed score
        Assert.Equal(18.9, estimate.MarginOfError);
        Assert.Equal(29.3, estimate.Low);
        Assert.Equal(67.0, estimate.High);
        Assert.Equal(48.1, estimate.Centre);
    }

    [Fact]
    public void Percentages_are_of_the_answers_and_sum_to_a_hundred()
    {
        var estimate = NpsStatistics.Estimate(new CategoryCounts(75, 10, 15));

        Assert.Equal((75.0, 10.0, 15.0), (estimate.PromoterPercent!.Value, estimate.PassivePercent!.Value, estimate.DetractorPercent!.Value));
    }

    [Theory]
    [InlineData(0.90)]
    [InlineData(0.95)]
    [InlineData(0.99)]
    public void A_higher_confidence_widens_the_interval(double confidence)
    {
        var margins = NpsStatistics.Confidences.Select(c => NpsStatistics.Estimate(Small, IntervalMethod.Wald, c).MarginOfError!.Value).ToList();

        Assert.Equal(margins.Order(), margins);
        Assert.Equal(NpsStatistics.Z(confidence) * NpsStatistics.Estimate(Small, IntervalMethod.Wald, confidence).StandardError!.Value,
            NpsStatistics.Estimate(Small, IntervalMethod.Wald, confidence).MarginOfError!.Value, 0.051);
    }

    [Fact]
    public void Intervals_are_clipped_to_the_scale()
    {
        var allPromoters = NpsStatistics.Estimate(new CategoryCounts(5, 0, 0));
        var allDetractors = NpsStatistics.Estimate(new CategoryCounts(0, 0, 5));

        Assert.Equal(100.0, allPromoters.Nps);
        Assert.Equal(100.0, allPromoters.High);
        Assert.True(allPromoters.Low < 100);
        Assert.Equal(-100.0, allDetractors.Low);
        // The plain Wald interval of a unanimous sample has no width at all: why it is not the default.
        Assert.Equal(0.0, NpsStatistics.Estimate(new CategoryCounts(5, 0, 0), IntervalMethod.Wald).MarginOfError);
    }

    [Fact]
    public void No_answers_give_no_score_and_no_interval()
    {
        var estimate = NpsStatistics.Estimate(new CategoryCounts(0, 0, 0));

        Assert.Equal(0, estimate.Responses);
        Assert.Null(estimate.Nps);
        Assert.Null(estimate.Low);
        Assert.Null(NpsStatistics.Score(new CategoryCounts(0, 0, 0)));
    }

    [Fact]
    public void A_distribution_of_eleven_counts_folds_into_categories()
    {
        var counts = CategoryCounts.FromDistribution([1, 1, 1, 1, 1, 1, 1, 2, 3, 4, 5]);

        Assert.Equal(new CategoryCounts(9, 5, 7), counts);
        Assert.Throws<ArgumentException>(() => CategoryCounts.FromDistribution([1, 2, 3]));
    }

    [Fact]
    public void The_same_period_twice_is_no_difference()
    {
        var comparison = NpsStatistics.Compare(Small, Small);

        Assert.Equal(0.0, comparison.Delta);
        Assert.Equal(1.0, comparison.PValue);
        Assert.False(comparison.Significant);
    }

    [Fact]
    public void A_rise_from_10_to_30_on_400_answers_each_is_significant_and_on_20_each_is_not()
    {
        // a: 160/120/120 -> NPS 10; b: 200/120/80 -> NPS 30.
        var large = NpsStatistics.Compare(new CategoryCounts(160, 120, 120), new CategoryCounts(200, 120, 80));
        // The same shares on 20 answers each.
        var small = NpsStatistics.Compare(new CategoryCounts(8, 6, 6), new CategoryCounts(10, 6, 4));

        Assert.Equal(20.0, large.Delta);
        Assert.True(large.Significant);
        Assert.True(large.PValue < 0.001);
        Assert.True(large.Low > 0);
        Assert.Equal(20.0, small.Delta);
        Assert.False(small.Significant);
        Assert.True(small.Low < 0 && small.High > 0);
    }

    [Fact]
    public void The_two_sample_standard_error_combines_both_periods()
    {
        var a = new CategoryCounts(160, 120, 120);
        var b = new CategoryCounts(200, 120, 80);
        var comparison = NpsStatistics.Compare(a, b, IntervalMethod.Wald);

        var seA = NpsStatistics.Estimate(a, IntervalMethod.Wald).StandardError!.Value;
        var seB = NpsStatistics.Estimate(b, IntervalMethod.Wald).StandardError!.Value;
        Assert.Equal(Math.Sqrt(seA * seA + seB * seB), comparison.StandardError!.Value, 9);
        var z = comparison.Delta!.Value / comparison.StandardError!.Value;
        Assert.Equal(2 * (1 - NpsStatistics.NormalCdf(z)), comparison.PValue!.Value, 4);
    }

    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(1.959963984540054, 0.975)]
    [InlineData(-1.6448536269514722, 0.05)]
    [InlineData(2.5758293035489004, 0.995)]
    public void The_normal_distribution_function_matches_its_tables(double x, double p) =>
        Assert.Equal(p, NpsStatistics.NormalCdf(x), 6);
}
