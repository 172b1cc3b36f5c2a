using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Governance.Web.Endpoints;

/// <summary>Describes the API's authentication in the OpenAPI document: bearer API tokens ("gov_...").</summary>
internal static class OpenApiSecurity
{
    public const string SchemeName = "ApiToken";

    public static Task DescribeAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info.Title = "Governance API";
        document.Info.Description =
            "Model registry, dataset versions and the hash-chained audit trail. Send 'Authorization: Bearer gov_...' "
            + "(issue tokens on the portal's API tokens page or POST /api/v1/tokens). Reads also accept the portal's "
            + "sign-in cookie; changes (POST, PUT, DELETE) accept only tokens. Errors are RFC 9457 problem details.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API token; it acts with its one role on behalf of the user who issued it.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, document)] = [] });
        return Task.CompletedTask;
    }
}
