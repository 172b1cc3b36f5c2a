using System.Security.Claims;
using Governance.Data;
using Governance.Domain;
using Governance.Pipelines.Webhooks;
using Governance.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Governance.Web.Endpoints;

/// <summary>/api/v1/webhooks: subscribe a URL to loop events; list subscriptions (secrets are never returned).</summary>
internal static class WebhooksEndpoints
{
    public static RouteGroupBuilder MapWebhooks(this RouteGroupBuilder api)
    {
        var hooks = api.MapGroup("/webhooks").WithTags("Webhooks");
        hooks.MapPost("/", Subscribe).RequireAuthorization(Policies.CanEditRegistry)
            .WithDescription("Subscribes an http(s) URL to events (candidate.registered, gate.failed, approval.requested, version.promoted, drift.detected); "
                + "calls are signed with HMAC-SHA256 of the secret (16+ characters).");
        hooks.MapGet("/", List).RequireAuthorization(Policies.CanEditRegistry);
        return api;
    }

    private static async Task<Created<WebhookView>> Subscribe(WebhookRequest body, WebhookSubscriptions subscriptions, ClaimsPrincipal user, CancellationToken ct)
    {
        body = ApiInput.Require(body);
        var s = await subscriptions.SubscribeAsync(body.Url ?? "", body.Secret ?? "", body.Events ?? [], user.ToActor(), ct);
        return TypedResults.Created($"/api/v1/webhooks/{s.Id}", new WebhookView(s.Id, s.Url, s.Events, s.Active, s.CreatedAt, s.CreatedBy));
    }

    private static async Task<Ok<IReadOnlyList<WebhookView>>> List(GovernanceDbContext db, CancellationToken ct)
    {
        var rows = await db.WebhookSubscriptions.AsNoTracking().ToListAsync(ct);
        IReadOnlyList<WebhookView> views = rows.OrderBy(s => s.CreatedAt)
            .Select(s => new WebhookView(s.Id, s.Url, s.Events, s.Active, s.CreatedAt, s.CreatedBy)).ToList();
        return TypedResults.Ok(views);
    }
}

/// <summary>Body of a subscription.</summary>
internal sealed record WebhookRequest(string? Url, string? Secret, List<string>? Events);

/// <summary>A subscription without its secret.</summary>
internal sealed record WebhookView(Guid Id, string Url, IReadOnlyList<string> Events, bool Active, DateTimeOffset CreatedAt, string CreatedBy);
