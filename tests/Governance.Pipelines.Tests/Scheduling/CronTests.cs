using Governance.Domain;
using Governance.Pipelines.Scheduling;

namespace Governance.Pipelines.Tests.Scheduling;

public class CronTests
{
    [Theory]
    [InlineData("0 0 3 * * ?", "every day at 03:00")]
    [InlineData("0 0 3 1 * ?", "on day 1 of every month at 03:00")]
    [InlineData("0 0/15 * * * ?", "every 15 minutes")]
    [InlineData("0 */5 * * * ?", "every 5 minutes")]
    [InlineData("0 30 6 ? * MON-FRI", "on weekdays at 06:30")]
    [InlineData("0 0 3 ? * MON", "every Monday at 03:00")]
    [InlineData("0 0 3 ? * MON,THU", "every Monday and Thursday at 03:00")]
    [InlineData("0 0 * * * ?", "every hour")]
    [InlineData("0 0 0/6 * * ?", "every 6 hours at minute 0")]
    [InlineData("0 0 3 L * ?", "on the last day of every month at 03:00")]
    [InlineData("0 0 3 1 1,7 ?", "cron '0 0 3 1 1,7 ?'")]
    public void Common_shapes_are_put_into_words(string cron, string words) =>
        Assert.Equal(words, CronDescriber.Describe(cron));

    [Theory]
    [InlineData("0 0 3 1 *", "6 or 7")]
    [InlineData("", "needs a cron expression")]
    [InlineData("0 0 25 * * ?", "not valid")]
    [InlineData("0 60 3 * * ?", "not valid")]
    [InlineData("0 0 3 ? * FUNDAY", "not valid")]
    public void Bad_cron_expressions_are_refused_with_the_reason(string cron, string expected)
    {
        var ex = Assert.Throws<DomainException>(() => CronSchedule.Parse(cron, TimeZoneInfo.Utc));
        Assert.Equal(DomainErrorKind.Invalid, ex.Kind);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_time_zone_is_refused_by_name()
    {
        var ex = Assert.Throws<DomainException>(() => CronSchedule.Zone("Mars/Olympus_Mons"));
        Assert.Contains("'Mars/Olympus_Mons' is unknown", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Monthly_retrain_fires_at_three_on_the_first_of_each_month()
    {
        var cron = CronSchedule.Parse(Schedules.DefaultRetrainCron, TimeZoneInfo.Utc);

        var next = CronSchedule.NextFireTimes(cron, new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero), 3);

        Assert.Equal(
            [new DateTimeOffset(2026, 2, 1, 3, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 1, 3, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 4, 1, 3, 0, 0, TimeSpan.Zero)],
            next);
    }

    [Fact]
    public void Berlin_wall_clock_time_is_kept_across_the_change_to_summer_time()
    {
        // 2026-03-29 02:00 CET the clocks in Berlin go forward to 03:00 CEST.
        var cron = CronSchedule.Parse("0 0 3 * * ?", CronSchedule.Zone("Europe/Berlin"));

        var next = CronSchedule.NextFireTimes(cron, new DateTimeOffset(2026, 3, 27, 12, 0, 0, TimeSpan.Zero), 3);

        Assert.Equal([new DateTimeOffset(2026, 3, 28, 3, 0, 0, TimeSpan.FromHours(1)),
                      new DateTimeOffset(2026, 3, 29, 3, 0, 0, TimeSpan.FromHours(2)),
                      new DateTimeOffset(2026, 3, 30, 3, 0, 0, TimeSpan.FromHours(2))], next);
        Assert.Equal([TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(2)], next.Select(t => t.Offset));
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), next[1].ToUniversalTime());
    }

    [Fact]
    public void Backoff_doubles_per_attempt_up_to_the_cap()
    {
        var b = TimeSpan.FromSeconds(30);
        var cap = TimeSpan.FromMinutes(2);
        Assert.Equal(TimeSpan.FromSeconds(30), TransientFailures.Backoff(2, b, cap));
        Assert.Equal(TimeSpan.FromSeconds(60), TransientFailures.Backoff(3, b, cap));
        Assert.Equal(TimeSpan.FromSeconds(120), TransientFailures.Backoff(4, b, cap));
        Assert.Equal(TimeSpan.FromSeconds(120), TransientFailures.Backoff(9, b, cap));
    }

    [Fact]
    public void Transient_failures_are_told_apart_from_the_rest()
    {
        Assert.True(TransientFailures.IsTransient(new TimeoutException()));
        Assert.True(TransientFailures.IsTransient(new IOException()));
        Assert.True(TransientFailures.IsTransient(new InvalidOperationException("wrapped", new TransientJobException("busy"))));
        Assert.False(TransientFailures.IsTransient(new InvalidOperationException("bad config")));
        Assert.False(TransientFailures.IsTransient(new ArgumentException("bad")));
    }
}
