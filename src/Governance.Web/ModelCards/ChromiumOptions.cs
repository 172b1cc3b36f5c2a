using System.Globalization;

namespace Governance.Web.ModelCards;

/// <summary>Where headless Chromium is and how long a print may take (<c>Governance:Chromium:*</c>).</summary>
public sealed record ChromiumOptions(string Path, TimeSpan Timeout, int MaxConcurrentPrints)
{
    public const string DefaultPath = "/usr/bin/chromium";

    public static ChromiumOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var path = configuration["Governance:Chromium:Path"];
        var seconds = Positive(configuration, "Governance:Chromium:TimeoutSeconds", 60);
        var concurrent = Positive(configuration, "Governance:Chromium:MaxConcurrentPrints", 2);
        return new ChromiumOptions(string.IsNullOrWhiteSpace(path) ? DefaultPath : path, TimeSpan.FromSeconds(seconds), concurrent);
    }

    private static int Positive(IConfiguration configuration, string key, int fallback)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{key} must be a positive whole number, not '{text}'.", key);
    }
}
