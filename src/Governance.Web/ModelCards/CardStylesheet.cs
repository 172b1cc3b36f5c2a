namespace Governance.Web.ModelCards;

/// <summary>
/// The card's stylesheet (<c>wwwroot/css/print-card.css</c>), read once, for inlining into exports so the
/// exported document needs no network and looks like the page.
/// </summary>
public sealed class CardStylesheet(IWebHostEnvironment environment)
{
    public const string RelativePath = "css/print-card.css";

    private readonly Lazy<string> _css = new(() =>
    {
        var file = environment.WebRootFileProvider.GetFileInfo(RelativePath);
        if (!file.Exists)
        {
            throw new InvalidOperationException($"The model card stylesheet wwwroot/{RelativePath} is missing from this installation.");
        }
        using var reader = new StreamReader(file.CreateReadStream());
        return reader.ReadToEnd();
    });

    public string Css => _css.Value;
}
