using System.Net;
using System.Text.Json;
using Governance.Domain.Access;
using Governance.Domain.Releases;
using Governance.Pipelines.UseCases;
using Governance.Web.Tests.Infrastructure;
using Governance.Web.Tests.Loop;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Web.Tests.Serving;

/// <summary>
/// The monitoring loop through HTTP: a retrain is approved and promoted by the loop, a client's Viewer token
/// asks for predictions and feeds back a label, and the log holds the redacted text and the label.
/// </summary>
public abstract class ServingLoopApiTests<TFixture>(TFixture fixture) where TFixture : AppFixture
{
    private GovernanceApp App => fixture.App;

    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task After_the_loop_promotes_a_version_it_answers_predictions_and_takes_feedback()
    {
        var model = Unique("serve");
        await LoopAppFixture.SeedModelAsync(App, model);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SetReleasePolicy>().RunAsync(model, ReleasePolicy.Default with { StoreRawText = true }, Actor.System, default);
        }
        var (initiator, _) = await App.ClientWithTokenAsync(Unique("eng"), Roles.MLEngineer);
        var (engineer, _) = await App.ClientWithTokenAsync(Unique("eng"), Roles.MLEngineer);
        var (officer, _) = await App.ClientWithTokenAsync(Unique("officer"), Roles.ComplianceOfficer);
        var (client, _) = await App.ClientWithTokenAsync(Unique("app"), Roles.Viewer);
        var before = await (await client.PostJsonAsync($"/api/v1/models/{model}/predict", new { text = "free prize" })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("no production version", before, StringComparison.Ordinal);

        var run = await (await initiator.PostJsonAsync($"/api/v1/models/{model}/runs", new { kind = "Retrain" })).ReadAsync(HttpStatusCode.Created);
        await LoopPolling.WaitForAsync(client, run.GetProperty("id").GetGuid(), "Succeeded");
        var request = await LoopPolling.PendingRequestAsync(client, model, 1);
        var decisions = $"/api/v1/approvals/{request.GetProperty("id").GetGuid()}/decisions";
        await (await engineer.PostJsonAsync(decisions, new { verdict = "Approve", reason = "ok" })).ReadAsync(HttpStatusCode.OK);
        await (await officer.PostJsonAsync(decisions, new { verdict = "Approve", reason = "ok" })).ReadAsync(HttpStatusCode.OK);

        var one = await (await client.PostJsonAsync($"/api/v1/models/{model}/predict", new { text = "free cash prize, write to winner@example.com" })).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(model, one.GetProperty("model").GetString());
        Assert.Equal(1, one.GetProperty("version").GetInt32());
        var answer = one.GetProperty("predictions").EnumerateArray().Single();
        var probabilities = answer.GetProperty("probabilities").EnumerateArray().Select(p => p.GetDouble()).ToArray();
        Assert.Equal(2, probabilities.Length);
        Assert.Equal(1.0, probabilities.Sum(), 5);
        Assert.Equal(probabilities[1] > probabilities[0] ? 1 : 0, answer.GetProperty("label").GetInt32());
        var id = answer.GetProperty("id").GetGuid();

        var batch = await (await client.PostJsonAsync($"/api/v1/models/{model}/predict",
            new { inputs = new[] { "meeting agenda for the project", "click for a free bonus", "lunch with the team" } })).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(3, batch.GetProperty("predictions").GetArrayLength());
        // The tiny model has learnt the synthetic topics: ham words are ham, spam words spam.
        Assert.Equal([0, 1, 0], batch.GetProperty("predictions").EnumerateArray().Select(p => p.GetProperty("label").GetInt32()));

        await WaitForLoggedAsync(id);
        var fed = await (await client.PostJsonAsync($"/api/v1/models/{model}/predictions/{id}/feedback", new { label = 1 })).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(1, fed.GetProperty("label").GetInt32());
        Assert.True(fed.GetProperty("trainingText").GetBoolean());
        var row = await App.WithDbAsync(db => db.Predictions.AsNoTracking().SingleAsync(p => p.Id == id));
        Assert.Equal("free cash prize, write to [email]", row.Text);
        Assert.Equal(1, row.FeedbackLabel);
        Assert.Equal(1, row.VersionNumber);
        var audit = await (await officer.GetAsync($"/api/v1/audit?action=prediction.feedback&subjectId={id}")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(1, audit.GetProperty("events").GetArrayLength());
    }

    private async Task WaitForLoggedAsync(Guid id)
    {
        for (var i = 0; i < 300; i++)
        {
            if (await App.WithDbAsync(db => db.Predictions.AnyAsync(p => p.Id == id)))
            {
                return;
            }
            await Task.Delay(50);
        }
        Assert.Fail($"Prediction {id} was not logged within 15 s.");
    }
}

public sealed class SqliteServingLoopApiTests(ServingAppFixture fixture) : ServingLoopApiTests<ServingAppFixture>(fixture), IClassFixture<ServingAppFixture>;

public sealed class PostgresServingLoopApiTests(ServingPostgresFixture fixture) : ServingLoopApiTests<ServingPostgresFixture>(fixture), IClassFixture<ServingPostgresFixture>;
