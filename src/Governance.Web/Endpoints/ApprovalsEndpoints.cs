using System.Security.Claims;
using Governance.Domain;
using Governance.Domain.Releases;
using Governance.Pipelines.UseCases;
using Governance.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Governance.Web.Endpoints;

/// <summary>/api/v1/approvals: the inbox of approval requests and the four-eyes decisions on them.</summary>
internal static class ApprovalsEndpoints
{
    public static RouteGroupBuilder MapApprovals(this RouteGroupBuilder api)
    {
        var approvals = api.MapGroup("/approvals").WithTags("Approvals");
        approvals.MapGet("/", List).RequireAuthorization(Policies.CanRead)
            .WithDescription("Approval requests (status filter, e.g. ?status=Pending; model filter): model, version, required and outstanding roles, decisions, evidence hash, expiry.");
        approvals.MapGet("/{id:guid}", Get).RequireAuthorization(Policies.CanRead);
        // Any signed-in user may try: the four-eyes rules (roles, initiator, one decision per person) are the domain's and answer 403 with the rule.
        approvals.MapPost("/{id:guid}/decisions", DecideOn).RequireAuthorization(Policies.SignedIn)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithDescription("Approve or reject (a rejection needs a reason). A token decides as its single role on behalf of its owner. "
                + "403 names the four-eyes rule broken; 409 when the request is no longer pending.");
        return api;
    }

    private static async Task<Ok<IReadOnlyList<ApprovalView>>> List(ApprovalStatus? status, string? model, LoopReads reads, CancellationToken ct) =>
        TypedResults.Ok(await reads.ApprovalsAsync(status, model, ct));

    private static async Task<Ok<ApprovalView>> Get(Guid id, LoopReads reads, CancellationToken ct) =>
        TypedResults.Ok(await reads.RequireApprovalAsync(id, ct));

    private static async Task<Ok<ApprovalView>> DecideOn(Guid id, DecisionRequest body, Decide decide, LoopReads reads, ClaimsPrincipal user, CancellationToken ct)
    {
        body = ApiInput.Require(body);
        if (!Enum.TryParse<ApprovalVerdict>(body.Verdict, ignoreCase: true, out var verdict) || int.TryParse(body.Verdict, out _))
        {
            throw DomainException.Invalid($"Field 'verdict' must be Approve or Reject, not '{body.Verdict}'.");
        }
        // For a token the principal carries only the token's role: it acts as that role for its owner.
        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        await decide.RunAsync(id, user.UserName(), roles, verdict, body.Reason, ct);
        return TypedResults.Ok(await reads.RequireApprovalAsync(id, ct));
    }
}

/// <summary>Body of a decision: Approve or Reject, and why (required for a rejection).</summary>
internal sealed record DecisionRequest(string? Verdict, string? Reason);
