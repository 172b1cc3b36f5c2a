namespace Governance.Web.ModelCards;

/// <summary>Registration of the model card's reader, exporter and PDF printer.</summary>
public static class ModelCardServices
{
    public static IServiceCollection AddModelCards(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(ChromiumOptions.From(configuration));
        services.AddSingleton<ChromiumPdfPrinter>();
        services.AddSingleton<CardStylesheet>();
        services.AddScoped<ModelCardReader>();
        services.AddScoped<ModelCardExporter>();
        return services;
    }
}
