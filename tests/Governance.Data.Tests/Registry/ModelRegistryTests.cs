using System.Text.Json;
using Governance.Data.Tests.Infrastructure;
using Governance.Domain;
using Governance.Domain.Audit;
using Governance.Domain.Registry;
using Governance.TestSupport;

namespace Governance.Data.Tests.Registry;

public abstract class ModelRegistryTests(DatabaseProvider provider, PostgresServer? postgres) : RegistryTestBase(provider, postgres)
{
    [Fact]
    public async Task Registering_a_model_stores_it_and_records_who_did_it()
    {
        var model = await RegistryAsync(r => r.RegisterModelAsync(Draft(), Alice));

        var stored = await RegistryAsync(r => r.GetModelAsync("spam-filter"));
        Assert.NotNull(stored);
        Assert.Equal(model.Id, stored.Id);
        Assert.Equal(["sender_cctld"], stored.SensitiveAttributes);
        Assert.Equal(RiskTier.Limited, stored.RiskTier);
        Assert.Equal("user:alice", stored.CreatedBy);
        var e = Assert.Single(await AuditEventsAsync());
        Assert.Equal((AuditActions.ModelRegistered, "user:alice", "model", "spam-filter"), (e.Action, e.Actor, e.SubjectType, e.SubjectId));
        using var payload = JsonDocument.Parse(e.Payload);
        Assert.Equal("spam-filter", payload.RootElement.GetProperty("after").GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_duplicate_name_is_a_conflict_and_records_nothing()
    {
        await RegistryAsync(r => r.RegisterModelAsync(Draft(), Alice));

        var error = await Assert.ThrowsAsync<DomainException>(() => RegistryAsync(r => r.RegisterModelAsync(Draft(), Alice)));

        Assert.Equal(DomainErrorKind.Conflict, error.Kind);
        Assert.Contains("spam-filter", error.Message, StringComparison.Ordinal);
        Assert.Single(await AuditEventsAsync());
    }

    [Fact]
    public async Task Updating_a_model_records_before_and_after()
    {
        await RegistryAsync(r => r.RegisterModelAsync(Draft(), Alice));

        var updated = await RegistryAsync(r => r.UpdateModelAsync(Draft(task: "triage"), Alice));
        await RegistryAsync(r => r.UpdateModelAsync(Draft(task: "triage"), Alice)); // no change, no event

        Assert.Equal("triage", updated.Task);
        var events = await AuditEventsAsync();
        Assert.Equal([AuditActions.ModelRegistered, AuditActions.ModelUpdated], events.Select(e => e.Action));
        using var payload = JsonDocument.Parse(events[1].Payload);
        Assert.Equal("classification", payload.RootElement.GetProperty("before").GetProperty("task").GetString());
        Assert.Equal("triage", payload.RootElement.GetProperty("after").GetProperty("task").GetString());
    }

    [Fact]
    public async Task Unknown_models_are_not_found()
    {
        var update = await Assert.ThrowsAsync<DomainException>(() => RegistryAsync(r => r.UpdateModelAsync(Draft("nope"), Alice)));
        var version = await Assert.ThrowsAsync<DomainException>(() => RegistryAsync(r => r.RegisterVersionAsync("nope", new VersionDraft(), Alice)));
        var list = await Assert.ThrowsAsync<DomainException>(() => RegistryAsync(r => r.ListVersionsAsync("nope")));

        Assert.All([update, version, list], e => Assert.Equal(DomainErrorKind.NotFound, e.Kind));
        Assert.Null(await RegistryAsync(r => r.GetModelAsync("nope")));
        Assert.Empty(await AuditEventsAsync());
    }

    [Fact]
    public async Task Versions_are_numbered_per_model_with_lineage()
    {
        await RegistryAsync(r => r.RegisterModelAsync(Draft(), Alice));
        var v1 = await RegistryAsync(r => r.RegisterVersionAsync("spam-filter", new VersionDraft(Seed: 7, TrainingConfig: "{\"lr\":0.001}"), Alice));
        var v2 = await RegistryAsync(r => r.RegisterVersionAsync("spam-filter", new VersionDraft(ParentVersionId: v1.Id), Alice));

        var versions = await RegistryAsync(r => r.ListVersionsAsync("spam-filter"));
        var fetched = await RegistryAsync(r => r.GetVersionAsync("spam-filter", 2));

        Assert.Equal([2, 1], versions.Select(v => v.Number));
        Assert.Equal(v1.Id, fetched!.ParentVersionId);
        Assert.Equal(ModelStage.Candidate, fetched.Stage);
        Assert.Equal("{\"lr\":0.001}", versions[1].TrainingConfig);
        Assert.Equal(v2.Id, fetched.Id);
        Assert.Equal(2, (await RegistryAsync(r => r.GetModelAsync("spam-filter")))!.LatestVersionNumber);
        Assert.Equal(["model-version:spam-filter/1", "model-version:spam-filter/2"],
            (await AuditEventsAsync()).Skip(1).Select(e => $"{e.SubjectType}:{e.SubjectId}"));
    }

    [Fact]
    public async Task Concurrent_registrations_get_distinct_numbers_and_one_chain()
    {
        await RegistryAsync(r => r.RegisterModelAsync(Draft(), Alice));

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            RegistryAsync(r => r.RegisterVersionAsync("spam-filter", new VersionDraft(), Alice)))));

        var versions = await RegistryAsync(r => r.ListVersionsAsync("spam-filter"));
        Assert.Equal(Enumerable.Range(1, 8).Reverse(), versions.Select(v => v.Number));
        Assert.Equal(9, (await AuditEventsAsync()).Count);
        await AssertChainIntactAsync();
    }

    [Fact]
    public async Task A_parent_from_another_model_or_an_unknown_dataset_is_refused_without_a_trace()
    {
        await RegistryAsync(r => r.RegisterModelAsync(Draft(), Alice));
        await RegistryAsync(r => r.RegisterModelAsync(Draft("fraud"), Alice));
        var other = await RegistryAsync(r => r.RegisterVersionAsync("fraud", new VersionDraft(), Alice));

        var parent = await Assert.ThrowsAsync<DomainException>(() =>
            RegistryAsync(r => r.RegisterVersionAsync("spam-filter", new VersionDraft(ParentVersionId: other.Id), Alice)));
        var dataset = await Assert.ThrowsAsync<DomainException>(() =>
            RegistryAsync(r => r.RegisterVersionAsync("spam-filter", new VersionDraft(DatasetVersionId: Guid.NewGuid()), Alice)));

        Assert.Equal(DomainErrorKind.Invalid, parent.Kind);
        Assert.Equal(DomainErrorKind.NotFound, dataset.Kind);
        Assert.Empty(await RegistryAsync(r => r.ListVersionsAsync("spam-filter")));
        Assert.Equal(0, (await RegistryAsync(r => r.GetModelAsync("spam-filter")))!.LatestVersionNumber);
        Assert.Equal(3, (await AuditEventsAsync()).Count);
    }

    [Fact]
    public async Task Promoting_to_production_archives_the_previous_production_version()
    {
        await RegistryAsync(r => r.RegisterModelAsync(Draft(), Alice));
        for (var i = 0; i < 2; i++)
        {
            await RegistryAsync(r => r.RegisterVersionAsync("spam-filter", new VersionDraft(), Alice));
        }
        foreach (var n in new[] { 1, 2 })
        {
            await RegistryAsync(r => r.ChangeStageAsync("spam-filter", n, ModelStage.Staging, "passed gates", Alice));
            await RegistryAsync(r => r.ChangeStageAsync("spam-filter", n, ModelStage.Production, "approved", Alice));
        }

        var versions = await RegistryAsync(r => r.ListVersionsAsync("spam-filter"));
        var summary = Assert.Single(await RegistryAsync(r => r.ListModelsAsync()));

        Assert.Equal([ModelStage.Production, ModelStage.Archived], versions.Select(v => v.Stage));
        Assert.Equal((2, 2), (summary.VersionCount, summary.ProductionVersion));
        var last = (await AuditEventsAsync()).TakeLast(2).ToList();
        Assert.Equal(["spam-filter/1", "spam-filter/2"], last.Select(e => e.SubjectId));
        Assert.Contains("\"to\":\"Archived\"", last[0].Payload, StringComparison.Ordinal);
        Assert.Contains("\"reason\":\"approved\"", last[1].Payload, StringComparison.Ordinal);
        await AssertChainIntactAsync();
    }

    [Fact]
    public async Task A_forbidden_transition_is_a_conflict_and_changes_nothing()
    {
        await RegistryAsync(r => r.RegisterModelAsync(Draft(), Alice));
        await RegistryAsync(r => r.RegisterVersionAsync("spam-filter", new VersionDraft(), Alice));
        var before = (await AuditEventsAsync()).Count;

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            RegistryAsync(r => r.ChangeStageAsync("spam-filter", 1, ModelStage.Production, "skip staging", Alice)));
        var missing = await Assert.ThrowsAsync<DomainException>(() =>
            RegistryAsync(r => r.ChangeStageAsync("spam-filter", 9, ModelStage.Staging, "nope", Alice)));

        Assert.Equal(DomainErrorKind.Conflict, error.Kind);
        Assert.Equal(DomainErrorKind.NotFound, missing.Kind);
        Assert.Equal(ModelStage.Candidate, (await RegistryAsync(r => r.GetVersionAsync("spam-filter", 1)))!.Stage);
        Assert.Equal(before, (await AuditEventsAsync()).Count);
    }

    [Fact]
    public async Task Models_list_filters_by_search_text()
    {
        await RegistryAsync(r => r.RegisterModelAsync(Draft(), Alice));
        await RegistryAsync(r => r.RegisterModelAsync(Draft("fraud", "anomaly"), Alice));

        var all = await RegistryAsync(r => r.ListModelsAsync());
        var found = await RegistryAsync(r => r.ListModelsAsync("anomal"));

        Assert.Equal(["fraud", "spam-filter"], all.Select(s => s.Model.Name));
        Assert.Equal("fraud", Assert.Single(found).Model.Name);
        Assert.All(all, s => Assert.Null(s.ProductionVersion));
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresModelRegistryTests(PostgresFixture fixture) : ModelRegistryTests(DatabaseProvider.Postgres, fixture.Server);

public sealed class SqliteModelRegistryTests() : ModelRegistryTests(DatabaseProvider.Sqlite, null);
