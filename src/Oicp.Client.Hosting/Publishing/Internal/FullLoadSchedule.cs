namespace Oicp.Client.Publishing.Internal;

/// <summary>Computes when the daily fullLoad is due: a local time of day in a time zone, plus jitter.</summary>
internal static class FullLoadSchedule
{
    /// <summary>The first moment strictly after <paramref name="after"/> at <paramref name="timeOfDay"/> local time, plus a random delay below <paramref name="jitter"/>.</summary>
    public static DateTimeOffset Next(DateTimeOffset after, TimeSpan timeOfDay, TimeZoneInfo timeZone, TimeSpan jitter, Random random)
    {
        var localNow = TimeZoneInfo.ConvertTime(after, timeZone);
        var day = localNow.Date;
        var due = AtLocal(day, timeOfDay, timeZone);
        if (due <= after)
        {
            due = AtLocal(day.AddDays(1), timeOfDay, timeZone);
        }

        return due + TimeSpan.FromTicks((long)(random.NextDouble() * jitter.Ticks));
    }

    private static DateTimeOffset AtLocal(DateTime day, TimeSpan timeOfDay, TimeZoneInfo timeZone)
    {
        var local = DateTime.SpecifyKind(day + timeOfDay, DateTimeKind.Unspecified);

        // In the spring-forward gap the wall-clock time does not exist; the first valid minute after it does.
        while (timeZone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        return new DateTimeOffset(local, timeZone.GetUtcOffset(local));
    }
}
