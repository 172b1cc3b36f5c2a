using System.Net;
using System.Text;
using Governance.Data.Registry;
using Governance.Domain.Access;
using Governance.Domain.Registry;
using Governance.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Web.Tests.Serving;

/// <summary>The predict and feedback endpoints' refusals: authentication, roles, limits, unknown models and predictions.</summary>
public sealed class ServingApiTests(ServingAppFixture fixture) : IClassFixture<ServingAppFixture>
{
    private GovernanceApp App => fixture.App;

    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Predict_needs_a_token_of_a_role_that_may_predict()
    {
        var anonymous = await App.AnonymousClient().PostJsonAsync("/api/v1/models/any/predict", new { text = "hello" });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var forged = await App.BearerClient("gov_not-a-real-token").PostJsonAsync("/api/v1/models/any/predict", new { text = "hello" });
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        var (officer, _) = await App.ClientWithTokenAsync(Unique("officer"), Roles.ComplianceOfficer);
        await (await officer.PostJsonAsync("/api/v1/models/any/predict", new { text = "hello" })).ProblemAsync(HttpStatusCode.Forbidden);
        var feedback = await App.AnonymousClient().PostJsonAsync($"/api/v1/models/any/predictions/{Guid.NewGuid()}/feedback", new { label = 1 });
        Assert.Equal(HttpStatusCode.Unauthorized, feedback.StatusCode);
    }

    [Fact]
    public async Task Batches_and_texts_over_the_limits_and_malformed_bodies_are_refused_with_the_reason()
    {
        var (client, _) = await App.ClientWithTokenAsync(Unique("app"), Roles.Viewer);
        const string Url = "/api/v1/models/any/predict";
        var tooMany = await (await client.PostJsonAsync(Url, new { inputs = Enumerable.Repeat("hi", ServingSettings.MaxBatchSize + 1) })).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains($"at most {ServingSettings.MaxBatchSize}", tooMany, StringComparison.Ordinal);
        var tooLong = await (await client.PostJsonAsync(Url, new { text = new string('a', ServingSettings.MaxTextLength + 1) })).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains($"at most {ServingSettings.MaxTextLength}", tooLong, StringComparison.Ordinal);
        Assert.Contains("at least one text", await (await client.PostJsonAsync(Url, new { })).ProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("at least one text", await (await client.PostJsonAsync(Url, new { inputs = Array.Empty<string>() })).ProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("not both", await (await client.PostJsonAsync(Url, new { text = "a", inputs = new[] { "b" } })).ProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("Text 1 is empty", await (await client.PostJsonAsync(Url, new { inputs = new[] { "a", "" } })).ProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
        using var broken = new StringContent("{\"text\": ", Encoding.UTF8, "application/json");
        await (await client.PostAsync(Url, broken)).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Unknown_models_are_not_found_and_a_model_without_production_is_a_conflict()
    {
        var (client, _) = await App.ClientWithTokenAsync(Unique("app"), Roles.Viewer);
        await (await client.PostJsonAsync($"/api/v1/models/{Unique("none")}/predict", new { text = "hello" })).ProblemAsync(HttpStatusCode.NotFound);
        var model = Unique("new");
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ModelRegistry>().RegisterModelAsync(
                new ModelDraft(model, "text-classification", "support", "tests", RiskTier.Limited), Actor.System, default);
        }
        var conflict = await (await client.PostJsonAsync($"/api/v1/models/{model}/predict", new { text = "hello" })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("no production version", conflict, StringComparison.Ordinal);
        var feedback = await (await client.PostJsonAsync($"/api/v1/models/{model}/predictions/{Guid.NewGuid()}/feedback", new { label = 1 })).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("only sampled predictions are logged", feedback, StringComparison.Ordinal);
        Assert.Contains("'label' is required", await (await client.PostJsonAsync($"/api/v1/models/{model}/predictions/{Guid.NewGuid()}/feedback", new { })).ProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }
}
