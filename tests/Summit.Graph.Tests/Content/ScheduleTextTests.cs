using Summit.Graph.Content.Reading;

namespace Summit.Graph.Tests.Content;

/// <summary>Clock times, time ranges, hours and day labels in every form pages print them.</summary>
public sealed class ScheduleTextTests
{
    [Theory]
    [InlineData("14:00", 14, 0)]
    [InlineData("9:30", 9, 30)]
    [InlineData("1400", 14, 0)]
    [InlineData("14.00", 14, 0)]
    [InlineData("2pm", 14, 0)]
    [InlineData("2:30 PM", 14, 30)]
    [InlineData("9.15 a.m.", 9, 15)]
    [InlineData("12pm", 12, 0)]
    [InlineData("12:30 am", 0, 30)]
    public void ClockTimeIsReadInEveryForm(string text, int hour, int minute)
    {
        Assert.Equal(new TimeOnly(hour, minute), ScheduleText.ParseTime(text));
    }

    [Theory]
    [InlineData("13pm")]
    [InlineData("0am")]
    [InlineData("2:75 pm")]
    [InlineData("25:00")]
    [InlineData("pm")]
    public void WhatIsNoClockTimeIsNull(string text)
    {
        Assert.Null(ScheduleText.ParseTime(text));
    }

    [Theory]
    [InlineData("1:00 PM - 1:25 PM")]
    [InlineData("1pm – 1:25pm")]
    [InlineData("13:00-1325")]
    public void TimeRangeMixesForms(string text)
    {
        Assert.Equal(new TimeRange(new TimeOnly(13, 0), new TimeOnly(13, 25)), ScheduleText.ParseTimeRange(text));
    }

    [Theory]
    [InlineData("Time: 12pm – 5pm UTC")]
    [InlineData("**Time:** 12:00 PM–5:00 PM UTC")]
    [InlineData("12:00 – 17:00 UTC")]
    public void DailyHoursAreReadOnEitherClock(string text)
    {
        var hours = ScheduleText.FindHours(text);

        Assert.Equal(("UTC", new TimeOnly(12, 0), new TimeOnly(17, 0)), (hours?.Zone, hours?.Start, hours?.End));
    }

    [Theory]
    [InlineData("10/Mar")]
    [InlineData("10/March")]
    [InlineData("Mar 10")]
    [InlineData("10 March")]
    [InlineData("Wed 10 March")]
    [InlineData("Wednesday, March 10")]
    public void DayLabelIsReadInEveryFormADayHeadingTakes(string label)
    {
        Assert.Equal(new DateOnly(2027, 3, 10), ScheduleText.ParseDayLabel(label, 2027));
    }

    [Theory]
    [InlineData("Thu 10 March")]
    [InlineData("10/03")]
    [InlineData("Marchember 10")]
    public void DayLabelThatNamesNoDayOrTheWrongWeekdayIsNull(string label)
    {
        Assert.Null(ScheduleText.ParseDayLabel(label, 2027));
    }
}
