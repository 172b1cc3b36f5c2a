using System.Collections.Concurrent;
using System.Text.Json;
using Governance.Data;
using Governance.Domain;
using Governance.Domain.Access;
using Governance.Domain.Registry;
using Governance.Domain.Releases;
using Governance.Pipelines.Serving;
using Governance.Pipelines.Tests.Loop;
using Governance.Pipelines.UseCases;
using Governance.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Pipelines.Tests.Serving;

/// <summary>Serving and its monitoring loop on one database provider: answers, atomic swap, sampling, raw text, feedback, drift from the log.</summary>
public abstract class ServingTests(DatabaseProvider provider, PostgresServer? postgres) : IAsyncLifetime
{
    private static readonly string[] Texts = ["free cash prize click now", "meeting agenda for the project review", "lunch with the team today", "urgent lottery winner bonus"];
    private ServingHost? _host;

    private ServingHost Host => _host ?? throw new InvalidOperationException("Not initialised.");

    public async Task InitializeAsync() => _host = await ServingHost.CreateAsync(provider, postgres);

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_production_version_answers_with_its_own_probabilities_and_a_model_without_one_is_a_conflict()
    {
        var data = await Host.SeedAsync();
        var conflict = await Assert.ThrowsAsync<DomainException>(() => Host.Predictor.PredictAsync(ServingHost.Model, Texts, default));
        Assert.Equal(DomainErrorKind.Conflict, conflict.Kind);
        var missing = await Assert.ThrowsAsync<DomainException>(() => Host.Predictor.PredictAsync("no-such-model", Texts, default));
        Assert.Equal(DomainErrorKind.NotFound, missing.Kind);

        var package = ServingHost.TinyPackage(1);
        var v1 = await Host.RegisterAsync(package, data);
        await Host.PromoteAsync(v1.Number);
        var result = await Host.Predictor.PredictAsync(ServingHost.Model, Texts, default);

        Assert.Equal(v1.Number, result.Version);
        var expected = package.PredictProbabilities(Texts);
        for (var i = 0; i < Texts.Length; i++)
        {
            AssertClose(expected[i], result.Predictions[i].Probabilities);
            Assert.Equal(expected[i][1] > expected[i][0] ? 1 : 0, result.Predictions[i].Label);
            Assert.Equal(1.0, result.Predictions[i].Probabilities.Sum(), 5);
        }
    }

    [Fact]
    public async Task Concurrent_predictions_during_a_promotion_are_each_entirely_from_one_version()
    {
        var data = await Host.SeedAsync();
        var first = ServingHost.TinyPackage(1);
        var second = ServingHost.TinyPackage(2);
        var v1 = await Host.RegisterAsync(first, data);
        var v2 = await Host.RegisterAsync(second, data);
        await Host.PromoteAsync(v1.Number);
        var expected = new Dictionary<int, double[][]> { [v1.Number] = first.PredictProbabilities(Texts), [v2.Number] = second.PredictProbabilities(Texts) };
        Assert.NotEqual(expected[v1.Number][0][0], expected[v2.Number][0][0], 3);

        var answers = new ConcurrentBag<PredictionResult>();
        using var stop = new CancellationTokenSource();
        var clients = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                answers.Add(await Host.Predictor.PredictAsync(ServingHost.Model, Texts, default));
            }
        })).ToList();
        while (answers.IsEmpty)
        {
            await Task.Delay(5);
        }
        await Host.PromoteAsync(v2.Number);
        // Once the promotion is committed, the next request is answered by the new version.
        Assert.Equal(v2.Number, (await Host.Predictor.PredictAsync(ServingHost.Model, Texts, default)).Version);
        var countAtPromotion = answers.Count;
        while (answers.Count < countAtPromotion + 20)
        {
            await Task.Delay(5);
        }
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        Assert.Contains(answers, a => a.Version == v1.Number);
        Assert.Contains(answers, a => a.Version == v2.Number);
        foreach (var answer in answers)
        {
            var probabilities = expected[answer.Version];
            for (var i = 0; i < Texts.Length; i++)
            {
                AssertClose(probabilities[i], answer.Predictions[i].Probabilities);
            }
        }
    }

    [Fact]
    public async Task Sampling_follows_the_host_rate_unless_the_model_policy_overrides_it()
    {
        var data = await Host.SeedAsync();
        await Host.PromoteAsync((await Host.RegisterAsync(ServingHost.TinyPackage(1), data)).Number);
        var all = await Host.Predictor.PredictAsync(ServingHost.Model, Texts, default);  // host default: 1
        Assert.All(all.Predictions, p => Assert.NotNull(p.Id));
        await Host.SetPolicyAsync(ReleasePolicy.Default with { LogSampleRate = 0 });
        var none = await Host.Predictor.PredictAsync(ServingHost.Model, Texts, default);
        Assert.All(none.Predictions, p => Assert.Null(p.Id));
        await Host.SetPolicyAsync(ReleasePolicy.Default with { LogSampleRate = 0.5 });
        var half = 0;
        for (var i = 0; i < 50; i++)
        {
            half += (await Host.Predictor.PredictAsync(ServingHost.Model, Texts, default)).Predictions.Count(p => p.Id is not null);
        }
        Assert.InRange(half, 50, 150); // 200 draws at 0.5: mean 100, sd about 7
        await Host.FlushLogAsync();
        var logged = await Host.InScopeAsync(sp => sp.GetRequiredService<GovernanceDbContext>().Predictions.CountAsync());
        Assert.Equal(Texts.Length + half, logged);
    }

    [Fact]
    public async Task Raw_text_is_kept_only_when_the_policy_allows_and_then_redacted()
    {
        var data = await Host.SeedAsync();
        await Host.PromoteAsync((await Host.RegisterAsync(ServingHost.TinyPackage(1), data)).Number);
        const string Personal = "free prize, mail winner@example.com or call +1 415 555 0100";
        var withoutText = (await Host.Predictor.PredictAsync(ServingHost.Model, [Personal], default)).Predictions[0].Id!.Value;
        await Host.SetPolicyAsync(ReleasePolicy.Default with { StoreRawText = true });
        var withText = (await Host.Predictor.PredictAsync(ServingHost.Model, [Personal], default)).Predictions[0].Id!.Value;
        await Host.FlushLogAsync();

        var rows = await Host.InScopeAsync(sp => sp.GetRequiredService<GovernanceDbContext>().Predictions.AsNoTracking().ToListAsync());
        var hidden = rows.Single(r => r.Id == withoutText);
        var kept = rows.Single(r => r.Id == withText);
        Assert.Null(hidden.Text);
        Assert.Equal("free prize, mail [email] or call [phone]", kept.Text);
        Assert.Equal(hidden.Features, kept.Features);
        Assert.Equal(DriftFeatures.Of(kept.Text!).Document, hidden.Features);
        Assert.Equal(1, hidden.VersionNumber);
        Assert.Equal(JsonSerializer.Deserialize<double[]>(hidden.Probabilities)![hidden.Label], hidden.Confidence, 6);
        Assert.DoesNotContain(rows, r => (r.Text ?? "").Contains("example.com", StringComparison.Ordinal) || r.Features.Contains("winner", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Fed_back_labels_with_kept_text_become_rows_of_the_next_training_snapshot()
    {
        var data = await Host.SeedAsync(ReleasePolicy.Default with { StoreRawText = true });
        await Host.PromoteAsync((await Host.RegisterAsync(ServingHost.TinyPackage(1), data)).Number);
        var answers = (await Host.Predictor.PredictAsync(ServingHost.Model, Texts, default)).Predictions;
        await Host.SetPolicyAsync(ReleasePolicy.Default with { StoreRawText = false });
        var textless = (await Host.Predictor.PredictAsync(ServingHost.Model, [Texts[0]], default)).Predictions[0];
        await Host.FlushLogAsync();
        Host.Clock.Advance(TimeSpan.FromMinutes(1));

        var actor = Actor.User("reviewer");
        await Host.InScopeAsync(async sp =>
        {
            var feedback = sp.GetRequiredService<PredictionFeedback>();
            await feedback.RunAsync(ServingHost.Model, answers[0].Id!.Value, 1, actor, default);
            await feedback.RunAsync(ServingHost.Model, answers[1].Id!.Value, 0, actor, default);
            await feedback.RunAsync(ServingHost.Model, textless.Id!.Value, 1, actor, default);
            var bad = await Assert.ThrowsAsync<DomainException>(() => feedback.RunAsync(ServingHost.Model, answers[2].Id!.Value, 2, actor, default));
            Assert.Contains("not a class", bad.Message, StringComparison.Ordinal);
            var unknown = await Assert.ThrowsAsync<DomainException>(() => feedback.RunAsync(ServingHost.Model, Guid.NewGuid(), 1, actor, default));
            Assert.Equal(DomainErrorKind.NotFound, unknown.Kind);
            return 0;
        });

        var snapshot = await Host.InScopeAsync(async sp =>
        {
            var source = sp.GetRequiredService<IFeedbackSource>();
            Assert.IsType<PredictionLogFeedback>(source);
            var rows = await source.NewLabelledRowsAsync(ServingHost.Model, default);
            var next = await sp.GetRequiredService<SnapshotTrainingData>().RunAsync(ServingHost.Model, rows, Actor.System, null, default);
            return (rows, next, all: await sp.GetRequiredService<LoopStore>().RowsAsync(next, default));
        });
        Assert.Equal(2, snapshot.rows.Count); // the text-less prediction cannot be trained on
        Assert.Equal(data.Version + 1, snapshot.next.Version);
        Assert.Equal(200 + 2, snapshot.all.Count);
        Assert.Contains(snapshot.all, r => r.Id == $"prediction/{answers[0].Id}" && r.Label == 1 && r.Text == Texts[0]);
        Assert.Contains(snapshot.all, r => r.Id == $"prediction/{answers[1].Id}" && r.Label == 0 && r.Text == Texts[1]);

        // Already in a snapshot: the next retrain gets no new rows from them.
        Host.Clock.Advance(TimeSpan.FromMinutes(1));
        var again = await Host.InScopeAsync(sp => sp.GetRequiredService<IFeedbackSource>().NewLabelledRowsAsync(ServingHost.Model, default));
        Assert.Empty(again);
    }

    [Fact]
    public async Task The_drift_check_reads_the_prediction_log_when_it_holds_enough_rows()
    {
        var data = await Host.SeedAsync(ReleasePolicy.Default with { DriftLogMinimumRows = 40 });
        await Host.PromoteAsync((await Host.RegisterAsync(ServingHost.TinyPackage(1), data)).Number);
        // Too few logged rows and no incoming dataset: nothing to compare.
        await Host.Predictor.PredictAsync(ServingHost.Model, Texts, default);
        await Host.FlushLogAsync();
        Assert.Null(await CheckDriftAsync());

        // Traffic about another topic than the training data.
        var shifted = SyntheticMail.Rows(60, 7, "live", shifted: true).Select(r => (string?)r.Text).ToList();
        await Host.Predictor.PredictAsync(ServingHost.Model, shifted.Take(30).ToList(), default);
        await Host.Predictor.PredictAsync(ServingHost.Model, shifted.Skip(30).ToList(), default);
        await Host.FlushLogAsync();
        var report = await CheckDriftAsync();

        Assert.NotNull(report);
        Assert.True(report.Breached);
        using var result = JsonDocument.Parse(report.Result);
        var current = result.RootElement.GetProperty("current");
        Assert.Equal("predictionLog", current.GetProperty("source").GetString());
        Assert.Equal(64, current.GetProperty("rows").GetInt32());
        Assert.Equal(PredictionLogDriftData.DatasetName(ServingHost.Model), current.GetProperty("name").GetString());

        // The policy may insist on the incoming dataset.
        await Host.SetPolicyAsync(ReleasePolicy.Default with { DriftData = DriftDataSource.IncomingDataset });
        Assert.Null(await CheckDriftAsync());
    }

    [Fact]
    public async Task Traffic_like_the_training_data_does_not_breach_when_read_from_the_log()
    {
        var data = await Host.SeedAsync(ReleasePolicy.Default with { DriftLogMinimumRows = 100, DriftData = DriftDataSource.PredictionLog });
        await Host.PromoteAsync((await Host.RegisterAsync(ServingHost.TinyPackage(1), data)).Number);
        var similar = SyntheticMail.Rows(128, 9, "live").Select(r => (string?)r.Text).ToList();
        await Host.Predictor.PredictAsync(ServingHost.Model, similar.Take(64).ToList(), default);
        await Host.Predictor.PredictAsync(ServingHost.Model, similar.Skip(64).ToList(), default);
        await Host.FlushLogAsync();
        var report = await CheckDriftAsync();
        Assert.NotNull(report);
        Assert.False(report.Breached);
    }

    // Same weights, same inputs: equal up to float rounding of a differently sized batch.
    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var k = 0; k < expected.Length; k++)
        {
            Assert.Equal(expected[k], actual[k], 5);
        }
    }

    private Task<Domain.Evidence.DriftReportRecord?> CheckDriftAsync() =>
        Host.InScopeAsync(sp => sp.GetRequiredService<DriftCheck>().RunAsync(ServingHost.Model, Actor.System, null, default));
}

public sealed class SqliteServingTests() : ServingTests(DatabaseProvider.Sqlite, null);

[Collection(LoopPostgresCollection.Name)]
public sealed class PostgresServingTests(PostgresFixture fixture) : ServingTests(DatabaseProvider.Postgres, fixture.Server);
