using System.Globalization;

namespace Oicp.Client.HealthChecks.Internal;

/// <summary>Times written the way a person reads them in a health report: invariant culture, a unit that fits.</summary>
internal static class HealthText
{
    public static string Duration(TimeSpan span) => span switch
    {
        { TotalSeconds: < 90 } => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.#} s"),
        { TotalMinutes: < 90 } => string.Create(CultureInfo.InvariantCulture, $"{span.TotalMinutes:0.#} min"),
        { TotalHours: < 48 } => string.Create(CultureInfo.InvariantCulture, $"{span.TotalHours:0.#} h"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{span.TotalDays:0.#} days"),
    };

    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
