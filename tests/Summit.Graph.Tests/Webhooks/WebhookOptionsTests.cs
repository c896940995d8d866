using Summit.Graph.Webhooks;

namespace Summit.Graph.Tests.Webhooks;

/// <summary>
/// A delivery's lease must outlast the longest round of sending, or another instance takes the row over while it is
/// still being sent and the receiver gets the event twice: such settings stop the start with the reason, as do a
/// negative retention of delivered rows and a sweep interval that is not positive.
/// </summary>
public sealed class WebhookOptionsTests
{
    [Fact]
    public void TheDefaultsLeaveARoundWellInsideTheLease()
    {
        var defaults = new WebhookOptions();

        // Three attempts of at most 10 s, and the waits between them at twice 2 s and 4 s.
        Assert.Equal(TimeSpan.FromSeconds(42), defaults.LongestRound);
        Assert.Null(defaults.Problem());
        Assert.True(new WebhookOptionsValidation().Validate(null, defaults).Succeeded);
    }

    [Theory]
    [InlineData("00:00:30", "00:00:10", 2, "00:00:02", "00:05:00")]
    [InlineData("00:00:42", "00:00:10", 2, "00:00:02", "00:05:00")]
    [InlineData("00:02:00", "00:00:30", 3, "00:00:02", "00:05:00")]
    [InlineData("00:10:00", "00:00:10", 5, "00:01:00", "00:05:00")]
    [InlineData("00:00:01", "00:00:01", 0, "00:00:02", "00:05:00")]
    public void ALeaseNoLongerThanARoundIsRefusedWithTheReason(string lease, string attemptTimeout, int retries, string retryDelay, string maxRetryDelay)
    {
        var options = new WebhookOptions
        {
            Lease = TimeSpan.Parse(lease, System.Globalization.CultureInfo.InvariantCulture),
            AttemptTimeout = TimeSpan.Parse(attemptTimeout, System.Globalization.CultureInfo.InvariantCulture),
            RetriesPerRound = retries,
            RetryDelay = TimeSpan.Parse(retryDelay, System.Globalization.CultureInfo.InvariantCulture),
            MaxRetryDelay = TimeSpan.Parse(maxRetryDelay, System.Globalization.CultureInfo.InvariantCulture),
        };

        var result = new WebhookOptionsValidation().Validate(null, options);

        Assert.True(result.Failed);
        Assert.StartsWith($"Webhooks:Lease ({lease}) must be longer than one round of sending ({options.LongestRound}", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void TheWaitsOfARoundAreCappedByTheLongestRetryDelay()
    {
        var options = new WebhookOptions { AttemptTimeout = TimeSpan.FromSeconds(1), RetriesPerRound = 4, RetryDelay = TimeSpan.FromSeconds(10), MaxRetryDelay = TimeSpan.FromSeconds(30) };

        // 5 attempts of 1 s; waits of min(20, 30), min(40, 30), min(80, 30), min(160, 30) seconds.
        Assert.Equal(TimeSpan.FromSeconds(5 + 20 + 30 + 30 + 30), options.LongestRound);
    }

    [Theory]
    [InlineData("-00:00:01", "01:00:00", "Webhooks:FinishedRetention (-00:00:01) must not be negative")]
    [InlineData("30.00:00:00", "00:00:00", "Webhooks:RetentionSweepInterval (00:00:00) must be positive")]
    [InlineData("30.00:00:00", "-01:00:00", "Webhooks:RetentionSweepInterval (-01:00:00) must be positive")]
    public void ARetentionThatCannotRunIsRefusedWithTheReason(string retention, string sweepInterval, string reason)
    {
        var options = new WebhookOptions
        {
            FinishedRetention = TimeSpan.Parse(retention, System.Globalization.CultureInfo.InvariantCulture),
            RetentionSweepInterval = TimeSpan.Parse(sweepInterval, System.Globalization.CultureInfo.InvariantCulture),
        };

        var result = new WebhookOptionsValidation().Validate(null, options);

        Assert.True(result.Failed);
        Assert.StartsWith(reason, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void TheRetentionsOldNameStopsTheStartInsteadOfBeingIgnored()
    {
        var result = new WebhookOptionsValidation().Validate(null, new WebhookOptions { DeliveredRetention = TimeSpan.FromDays(365) });

        Assert.True(result.Failed);
        Assert.StartsWith("Webhooks:DeliveredRetention is now Webhooks:FinishedRetention", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void KeepingNoFinishedRowIsAllowed()
    {
        Assert.Null(new WebhookOptions { FinishedRetention = TimeSpan.Zero }.Problem());
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-1.00:00:00")]
    public void AGiveUpTimeThatIsNotPositiveIsRefusedWithTheReason(string giveUpAfter)
    {
        var options = new WebhookOptions { GiveUpAfter = TimeSpan.Parse(giveUpAfter, System.Globalization.CultureInfo.InvariantCulture) };

        var result = new WebhookOptionsValidation().Validate(null, options);

        Assert.True(result.Failed);
        Assert.StartsWith($"Webhooks:GiveUpAfter ({giveUpAfter}) must be positive", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSweepsTimesStayOnTheCalendarWhateverTheSettings()
    {
        var now = new DateTime(2026, 12, 1, 4, 0, 0, DateTimeKind.Utc);
        var defaults = new WebhookOptions();
        var forever = new WebhookOptions { FinishedRetention = TimeSpan.MaxValue, RetentionSweepInterval = TimeSpan.MaxValue };

        Assert.Equal(now.AddDays(-30), defaults.FinishedBefore(now));
        Assert.Equal(now.AddHours(1), defaults.NextSweepAt(now));
        // Longer than the calendar reaches back or forward: nothing is deleted, and no other sweep comes.
        Assert.Null(forever.FinishedBefore(now));
        Assert.Equal(DateTime.MaxValue, forever.NextSweepAt(now));
        Assert.Null(new WebhookOptions { FinishedRetention = now - DateTime.MinValue }.FinishedBefore(now));
        Assert.Equal(DateTime.MinValue.AddTicks(1), new WebhookOptions { FinishedRetention = now - DateTime.MinValue.AddTicks(1) }.FinishedBefore(now));
    }
}
