using System.Globalization;
using NpsCloud.BuildingBlocks.Web;

namespace NpsCloud.UnitTests.Web;

/// <summary>The charts' arithmetic: the fitted y range, the x ticks that do not collide, the period still under way and intervals as ranges.</summary>
public sealed class ChartScaleTests
{
    [Fact]
    public void The_y_range_fits_the_data_with_round_ticks_instead_of_the_whole_minus_100_to_100()
    {
        var range = ChartScale.YRange([22.4, 31.0, 47.9, 12.3], -100, 100);
        Assert.Equal((10, 50, 10), (range.Low, range.High, range.Step));
        Assert.Equal([10, 20, 30, 40, 50], range.Ticks());
    }

    [Fact]
    public void The_y_range_crosses_zero_when_the_data_does_and_keeps_zero_as_a_tick()
    {
        var range = ChartScale.YRange([-12, 8, 30], -100, 100);
        Assert.Contains(0, range.Ticks());
        Assert.True(range.Low <= -12 && range.High >= 30 && range.Ticks().Count() <= 6);
    }

    [Fact]
    public void The_y_range_is_clamped_to_the_scale_and_a_flat_series_is_not_blown_up()
    {
        var wide = ChartScale.YRange([-100, 100, 3], -100, 100);
        Assert.Equal((-100, 100), (wide.Low, wide.High));
        var flat = ChartScale.YRange([50.2, 50.4], -100, 100);
        Assert.True(flat.High - flat.Low >= 10, $"{flat.Low}..{flat.High}");
        var top = ChartScale.YRange([98, 100], 0, 100);
        Assert.Equal(100, top.High);
        Assert.True(top.Low >= 0 && top.High - top.Low >= 10);
    }

    [Fact]
    public void X_ticks_on_a_phone_are_fewer_than_on_a_wide_card_and_never_closer_than_a_label()
    {
        var first = new DateOnly(2026, 6, 8);
        var last = first.AddDays(7 * 25);
        var width = 6 * 7.0;
        var narrow = ChartScale.XTicks(first, last, "week", 220, width);
        var wide = ChartScale.XTicks(first, last, "week", 400, width);
        Assert.InRange(narrow.Count, 3, 5);
        Assert.True(wide.Count > narrow.Count);
        foreach (var (ticks, plot) in new[] { (narrow, 220.0), (wide, 400.0) })
        {
            var gaps = ticks.Zip(ticks.Skip(1), (a, b) => (b.DayNumber - a.DayNumber) / (double)(last.DayNumber - first.DayNumber) * plot);
            Assert.All(gaps, gap => Assert.True(gap >= width + 8, $"{gap} px"));
            Assert.All(ticks, t => Assert.Equal(DayOfWeek.Monday, t.DayOfWeek));
        }
    }

    [Fact]
    public void Monthly_ticks_fall_on_round_months()
    {
        var ticks = ChartScale.XTicks(new DateOnly(2025, 1, 1), new DateOnly(2026, 12, 1), "month", 220, 28);
        Assert.All(ticks, t => Assert.Equal(1, t.Day));
        Assert.All(ticks, t => Assert.Equal(0, (t.Month - 1) % 3));
        Assert.True(ticks.Count >= 3);
        Assert.Equal([new DateOnly(2026, 3, 1)], ChartScale.XTicks(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 1), "month", 220, 28));
    }

    [Theory]
    [InlineData("2026-11-30", "week", "2026-12-06", true)]   // Sunday: the week's last day is still being answered
    [InlineData("2026-11-23", "week", "2026-12-06", false)]
    [InlineData("2026-12-01", "month", "2026-12-06", true)]
    [InlineData("2026-11-01", "month", "2026-12-06", false)]
    [InlineData("2026-12-06", "day", "2026-12-06", true)]
    [InlineData("2026-12-05", "day", "2026-12-06", false)]
    public void The_period_holding_today_is_so_far(string start, string interval, string today, bool soFar) =>
        Assert.Equal(soFar, ChartScale.IsSoFar(DateOnly.Parse(start), interval, new DateOnly(2026, 9, 1), DateOnly.Parse(today).AddDays(1), DateOnly.Parse(today)));

    [Fact]
    public void A_week_cut_by_a_window_that_ended_is_complete_and_covers_only_the_window()
    {
        var monday = new DateOnly(2026, 11, 30);
        // A goal that ended on Wednesday, looked at on Friday: its last week holds all the days it will.
        Assert.False(ChartScale.IsSoFar(monday, "week", new DateOnly(2026, 9, 1), new DateOnly(2026, 12, 3), new DateOnly(2026, 12, 4)));
        Assert.Equal((monday, new DateOnly(2026, 12, 3)), ChartScale.Covered(monday, "week", new DateOnly(2026, 9, 1), new DateOnly(2026, 12, 3)));
        Assert.Equal(new DateOnly(2027, 1, 1), ChartScale.PeriodEnd(new DateOnly(2026, 12, 1), "month"));
    }

    [Theory]
    [InlineData(30.04, 44.5, "30–45")]
    [InlineData(29.3, 67.0, "29–67")]
    [InlineData(-12.4, 5.5, "\u221212 – 6")]
    [InlineData(-40.5, -20.2, "\u221241 – \u221220")]
    public void Intervals_are_written_as_ranges_of_whole_numbers(double low, double high, string written)
    {
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("tr");
            Assert.Equal(written, ChartScale.FormatRange(low, high));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }
}
