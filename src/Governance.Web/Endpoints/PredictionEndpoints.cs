using System.Security.Claims;
using Governance.Pipelines.Serving;
using Governance.Web.Auth;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Governance.Web.Endpoints;

/// <summary>/api/v1/models/{name}/predict and prediction feedback: the production version answers, sampled answers are logged.</summary>
internal static class PredictionEndpoints
{
    public static RouteGroupBuilder MapPredictions(this RouteGroupBuilder api)
    {
        var serving = api.MapGroup("/models/{name}").WithTags("Serving");
        serving.MapPost("/predict", Predict).RequireAuthorization(Policies.CanPredict)
            .Accepts<PredictRequest>("application/json")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithDescription("Label and class probabilities of the production version for {\"text\": \"...\"} or {\"inputs\": [\"...\", ...]}; "
                + "each answer carries the log id when it was sampled into the prediction log (for feedback). 409 when the model has no production version.");
        serving.MapPost("/predictions/{id:guid}/feedback", Feedback).RequireAuthorization(Policies.CanPredict)
            .WithDescription("Stores the true label of a logged prediction (audited); with kept text it becomes training data of the next retrain.");
        return api;
    }

    private static async Task<Results<Ok<PredictionResult>, ProblemHttpResult>> Predict(string name, HttpContext context, Predictor predictor,
        ServingOptions options, IOptions<JsonOptions> json, CancellationToken ct)
    {
        // JSON escapes take up to 6 bytes a character; the body is capped before it is read.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = Math.Min(size.MaxRequestBodySize ?? long.MaxValue, (6L * options.MaxTextLength * options.MaxBatchSize) + 65_536);
        }
        var body = ApiInput.Require(await context.Request.ReadFromJsonAsync<PredictRequest>(json.Value.SerializerOptions, ct));
        if (body.Text is not null && body.Inputs is not null)
        {
            return TypedResults.Problem("Send either \"text\" or \"inputs\", not both.", statusCode: StatusCodes.Status400BadRequest, title: "Bad request");
        }
        IReadOnlyList<string?>? texts = body.Text is not null ? [body.Text] : body.Inputs;
        try
        {
            return TypedResults.Ok(await predictor.PredictAsync(name, texts, ct));
        }
        catch (PredictionInputException e)
        {
            return TypedResults.Problem(e.Message, statusCode: e.StatusCode, title: e.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Too large" : "Bad request");
        }
    }

    private static async Task<Ok<FeedbackView>> Feedback(string name, Guid id, FeedbackRequest body, PredictionFeedback feedback, ClaimsPrincipal user, CancellationToken ct)
    {
        body = ApiInput.Require(body);
        var row = await feedback.RunAsync(name, id, body.Label, user.ToActor(), ct);
        return TypedResults.Ok(new FeedbackView(row.Id, row.VersionNumber, row.Label, row.FeedbackLabel!.Value, row.FeedbackAt!.Value, row.Text is not null));
    }
}

/// <summary>Body of a predict request: one text or a batch.</summary>
internal sealed record PredictRequest(string? Text, List<string?>? Inputs);

/// <summary>Body of a feedback request: the true class index.</summary>
internal sealed record FeedbackRequest(int? Label);

/// <summary>A logged prediction with its fed-back label; <see cref="TrainingText"/>: whether its text was kept, so it can become training data.</summary>
internal sealed record FeedbackView(Guid Id, int Version, int Predicted, int Label, DateTimeOffset FeedbackAt, bool TrainingText);
