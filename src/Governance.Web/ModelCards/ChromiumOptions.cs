using System.Globalization;

namespace Governance.Web.ModelCards;

/// <summary>Where headless Chromium is and how long a print may take (<c>Governance:Chromium:*</c>).</summary>
public sealed record ChromiumOptions(string Path, TimeSpan Timeout, int MaxConcurrentPrints)
{
    public const string DefaultPath = "/usr/bin/chromium";

    public static ChromiumOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Governance:Chromium");
        var path = section["Path"];
        var seconds = Positive(section["TimeoutSeconds"], 60, "Governance:Chromium:TimeoutSeconds");
        var concurrent = Positive(section["MaxConcurrentPrints"], 2, "Governance:Chromium:MaxConcurrentPrints");
        return new ChromiumOptions(string.IsNullOrWhiteSpace(path) ? DefaultPath : path, TimeSpan.FromSeconds(seconds), concurrent);
    }

    private static int Positive(string? text, int fallback, string key)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{key} must be a positive whole number, not '{text}'.", key);
    }
}
