using System.Net;
using System.Net.Http.Json;
using Governance.Domain.Access;
using Governance.Web.Tests.Infrastructure;

namespace Governance.Web.Tests;

/// <summary>The registry through the API with an MLEngineer token, on each database.</summary>
public abstract class RegistryApiTests<TFixture>(TFixture fixture) where TFixture : AppFixture
{
    private GovernanceApp App => fixture.App;

    [Fact]
    public async Task Model_and_version_created_with_a_token_appear_in_the_api_and_the_audit_trail()
    {
        var (engineer, _) = await App.ClientWithTokenAsync("eng-" + Guid.NewGuid().ToString("N")[..8], Roles.MLEngineer);
        var name = "spam-" + Guid.NewGuid().ToString("N")[..8];

        var created = await (await engineer.PostJsonAsync("/api/v1/models", Json.NewModel(name))).ReadAsync(HttpStatusCode.Created);
        Assert.Equal(name, created.GetProperty("name").GetString());
        Assert.Equal("Limited", created.GetProperty("riskTier").GetString());

        var version = await (await engineer.PostJsonAsync($"/api/v1/models/{name}/versions",
            new { trainingConfig = "{\"method\":\"lora\"}", seed = 7, codeVersion = "abc123" })).ReadAsync(HttpStatusCode.Created);
        Assert.Equal(1, version.GetProperty("number").GetInt32());
        Assert.Equal("Candidate", version.GetProperty("stage").GetString());

        var fetched = await (await engineer.GetAsync($"/api/v1/models/{name}")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("ml-team", fetched.GetProperty("owner").GetString());
        var versions = await (await engineer.GetAsync($"/api/v1/models/{name}/versions")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(1, versions.GetArrayLength());
        var list = await (await engineer.GetAsync("/api/v1/models")).ReadAsync(HttpStatusCode.OK);
        Assert.Contains(list.EnumerateArray(), m => m.GetProperty("model").GetProperty("name").GetString() == name);

        var modelEvents = await (await engineer.GetAsync($"/api/v1/audit?subjectType=model&subjectId={name}")).ReadAsync(HttpStatusCode.OK);
        var registered = Assert.Single(modelEvents.GetProperty("events").EnumerateArray());
        Assert.Equal("model.registered", registered.GetProperty("action").GetString());
        Assert.StartsWith("token:eng-", registered.GetProperty("actor").GetString());
        var versionEvents = await (await engineer.GetAsync($"/api/v1/audit?action=version.registered&subjectId={name}/1")).ReadAsync(HttpStatusCode.OK);
        Assert.Single(versionEvents.GetProperty("events").EnumerateArray());
    }

    [Fact]
    public async Task Stage_changes_follow_the_lifecycle_and_an_invalid_one_is_a_409_without_an_audit_event()
    {
        var (engineer, _) = await App.ClientWithTokenAsync("stage-" + Guid.NewGuid().ToString("N")[..8], Roles.MLEngineer);
        var name = "stage-" + Guid.NewGuid().ToString("N")[..8];
        await (await engineer.PostJsonAsync("/api/v1/models", Json.NewModel(name))).ReadAsync(HttpStatusCode.Created);
        await (await engineer.PostJsonAsync($"/api/v1/models/{name}/versions", new { })).ReadAsync(HttpStatusCode.Created);

        var staged = await (await engineer.PostJsonAsync($"/api/v1/models/{name}/versions/1/stage", new { stage = "Staging", reason = "offline eval ok" }))
            .ReadAsync(HttpStatusCode.OK);
        Assert.Equal("Staging", staged.GetProperty("stage").GetString());

        var before = await App.AuditCountAsync();
        var detail = await (await engineer.PostJsonAsync($"/api/v1/models/{name}/versions/1/stage", new { stage = "Archived", reason = "skip" }))
            .ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("cannot move from Staging to Archived", detail);
        Assert.Equal(before, await App.AuditCountAsync());
        var still = await (await engineer.GetAsync($"/api/v1/models/{name}/versions/1")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal("Staging", still.GetProperty("stage").GetString());

        // Production only through two approvals or a rollback, never by a plain stage change.
        var refused = await (await engineer.PostJsonAsync($"/api/v1/models/{name}/versions/1/stage", new { stage = "Production", reason = "ship it" }))
            .ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("approved release request", refused);
        Assert.Equal(before, await App.AuditCountAsync());
    }

    [Fact]
    public async Task Dataset_upload_as_csv_and_jsonl_is_registered_listed_and_downloadable()
    {
        var (engineer, _) = await App.ClientWithTokenAsync("data-" + Guid.NewGuid().ToString("N")[..8], Roles.MLEngineer);
        var name = "mails-" + Guid.NewGuid().ToString("N")[..8];
        const string csv = "text,label\r\n\"hello, world\",ham\r\nwin money now,spam\r\n";

        using var form = new MultipartFormDataContent
        {
            { new StringContent(csv), "file", "mails.csv" },
            { new StringContent("spamassassin easy-ham-1"), "source" },
        };
        var v1 = await (await engineer.PostAsync($"/api/v1/datasets/{name}/versions", form)).ReadAsync(HttpStatusCode.Created);
        Assert.Equal(1, v1.GetProperty("version").GetInt32());
        Assert.Equal("Csv", v1.GetProperty("format").GetString());
        Assert.Equal(2, v1.GetProperty("rowCount").GetInt64());

        var jsonl = new StringContent("{\"text\":\"a\",\"label\":\"ham\"}\n{\"text\":\"b\",\"label\":\"spam\"}\n{\"text\":\"c\",\"label\":\"ham\"}\n");
        jsonl.Headers.ContentType = new("application/x-ndjson");
        var v2 = await (await engineer.PostAsync($"/api/v1/datasets/{name}/versions?source=raw", jsonl)).ReadAsync(HttpStatusCode.Created);
        Assert.Equal(2, v2.GetProperty("version").GetInt32());
        Assert.Equal(3, v2.GetProperty("rowCount").GetInt64());

        var versions = await (await engineer.GetAsync($"/api/v1/datasets/{name}/versions")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(2, versions.GetArrayLength());
        var download = await engineer.GetAsync($"/api/v1/datasets/{name}/versions/1/content");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(csv, await download.Content.ReadAsStringAsync());
        var events = await (await engineer.GetAsync($"/api/v1/audit?action=dataset.version-registered&subjectId={name}/2")).ReadAsync(HttpStatusCode.OK);
        Assert.Single(events.GetProperty("events").EnumerateArray());
    }

    [Fact]
    public async Task A_version_with_an_uploaded_artifact_is_stored_by_hash_and_downloadable()
    {
        var (engineer, _) = await App.ClientWithTokenAsync("art-" + Guid.NewGuid().ToString("N")[..8], Roles.MLEngineer);
        var name = "art-" + Guid.NewGuid().ToString("N")[..8];
        await (await engineer.PostJsonAsync("/api/v1/models", Json.NewModel(name))).ReadAsync(HttpStatusCode.Created);
        var weights = new byte[10_000];
        new Random(42).NextBytes(weights);
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(weights), "artifact", "model.safetensors" },
            { new StringContent("{\"seed\": 42, \"codeVersion\": \"v1\"}"), "metadata" },
        };
        var version = await (await engineer.PostAsync($"/api/v1/models/{name}/versions", form)).ReadAsync(HttpStatusCode.Created);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(weights));
        Assert.Equal(hash, version.GetProperty("artifactHash").GetString());
        Assert.Equal(42, version.GetProperty("seed").GetInt64());

        var download = await engineer.GetAsync($"/api/v1/models/{name}/versions/1/artifact");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(weights, await download.Content.ReadAsByteArrayAsync());

        // A second version may point at the same stored artifact by hash.
        var second = await (await engineer.PostJsonAsync($"/api/v1/models/{name}/versions", new { artifactHash = hash, parentVersionId = version.GetProperty("id").GetGuid() }))
            .ReadAsync(HttpStatusCode.Created);
        Assert.Equal(2, second.GetProperty("number").GetInt32());
        var before = await App.AuditCountAsync();
        await (await engineer.PostJsonAsync($"/api/v1/models/{name}/versions", new { artifactHash = new string('a', 64) })).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(before, await App.AuditCountAsync());
    }

    [Fact]
    public async Task Audit_chain_verifies_intact_after_changes()
    {
        var (auditor, _) = await App.ClientWithTokenAsync("co-" + Guid.NewGuid().ToString("N")[..8], Roles.ComplianceOfficer);
        var result = await (await auditor.GetAsync("/api/v1/audit/verify")).ReadAsync(HttpStatusCode.OK);
        Assert.True(result.GetProperty("isIntact").GetBoolean(), result.ToString());
        Assert.True(result.GetProperty("eventsChecked").GetInt64() > 0);
    }
}

public sealed class SqliteRegistryApiTests(SqliteAppFixture fixture)
    : RegistryApiTests<SqliteAppFixture>(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresRegistryApiTests(PostgresAppFixture fixture)
    : RegistryApiTests<PostgresAppFixture>(fixture), IClassFixture<PostgresAppFixture>;
