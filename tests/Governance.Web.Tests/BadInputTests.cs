using System.Net;
using System.Text;
using Governance.Domain.Access;
using Governance.Web.Tests.Infrastructure;

namespace Governance.Web.Tests;

/// <summary>Bad requests get a 4xx problem detail with the reason, and leave no trace: no row, no audit event, no artifact.</summary>
public abstract class BadInputTests<TFixture>(TFixture fixture) : IAsyncLifetime where TFixture : AppFixture
{
    private GovernanceApp App => fixture.App;
    private HttpClient _engineer = null!;
    private HttpClient _auditor = null!;
    private int _auditBefore;

    public async Task InitializeAsync()
    {
        (_engineer, _) = await App.ClientWithTokenAsync("bad-" + Guid.NewGuid().ToString("N")[..8], Roles.MLEngineer);
        (_auditor, _) = await App.ClientWithTokenAsync("filter-" + Guid.NewGuid().ToString("N")[..8], Roles.ComplianceOfficer);
        _auditBefore = await App.AuditCountAsync();
    }

    public async Task DisposeAsync() => Assert.Equal(_auditBefore, await App.AuditCountAsync());

    [Fact]
    public async Task Malformed_json_is_a_400_naming_the_problem()
    {
        var response = await _engineer.PostAsync("/api/v1/models", new StringContent("{\"name\": \"x\",", Encoding.UTF8, "application/json"));
        var detail = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("JSON", detail);
    }

    [Fact]
    public async Task An_unknown_enum_value_is_a_400_naming_the_field()
    {
        var body = new { name = "enum-test", task = "t", domain = "d", owner = "o", riskTier = "Extreme" };
        var detail = await (await _engineer.PostJsonAsync("/api/v1/models", body)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("riskTier", detail);
    }

    [Fact]
    public async Task A_missing_required_field_is_a_400_naming_it()
    {
        var body = new { name = "no-owner", task = "t", domain = "d", riskTier = "High" };
        var detail = await (await _engineer.PostJsonAsync("/api/v1/models", body)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("Owner", detail);
    }

    [Fact]
    public async Task A_duplicate_model_name_is_a_409()
    {
        var name = "dup-" + Guid.NewGuid().ToString("N")[..8];
        await (await _engineer.PostJsonAsync("/api/v1/models", Json.NewModel(name))).ReadAsync(HttpStatusCode.Created);
        _auditBefore++;
        var detail = await (await _engineer.PostJsonAsync("/api/v1/models", Json.NewModel(name))).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains(name, detail);
    }

    [Theory]
    [InlineData("GET", "/api/v1/models/no-such-model")]
    [InlineData("GET", "/api/v1/models/no-such-model/versions")]
    [InlineData("GET", "/api/v1/models/no-such-model/versions/3")]
    [InlineData("POST", "/api/v1/models/no-such-model/versions")]
    [InlineData("PUT", "/api/v1/models/no-such-model")]
    [InlineData("POST", "/api/v1/models/no-such-model/versions/1/stage")]
    [InlineData("GET", "/api/v1/datasets/no-such-data/versions/1")]
    [InlineData("GET", "/api/v1/datasets/no-such-data/versions/1/content")]
    public async Task Unknown_ids_are_404(string method, string url)
    {
        var body = method == "PUT"
            ? Json.NewModel("no-such-model")
            : url.EndsWith("/stage", StringComparison.Ordinal) ? new { stage = "Staging", reason = "r" } : (object)new { };
        using var request = new HttpRequestMessage(new HttpMethod(method), url)
        {
            Content = method == "GET" ? null : System.Net.Http.Json.JsonContent.Create(body),
        };
        await (await _engineer.SendAsync(request)).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_unknown_parent_version_is_a_404_and_no_version_is_created()
    {
        var name = "parent-" + Guid.NewGuid().ToString("N")[..8];
        await (await _engineer.PostJsonAsync("/api/v1/models", Json.NewModel(name))).ReadAsync(HttpStatusCode.Created);
        _auditBefore++;
        await (await _engineer.PostJsonAsync($"/api/v1/models/{name}/versions", new { parentVersionId = Guid.NewGuid() }))
            .ProblemAsync(HttpStatusCode.NotFound);
        var versions = await (await _engineer.GetAsync($"/api/v1/models/{name}/versions")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(0, versions.GetArrayLength());
    }

    [Theory]
    [InlineData("text/csv", "a,b\n1,2\n3\n")]
    [InlineData("application/x-ndjson", "{\"a\":1}\n{not json}\n")]
    [InlineData("application/x-ndjson", "")]
    public async Task A_malformed_dataset_is_a_400_and_leaves_no_version_and_no_artifact(string mediaType, string body)
    {
        var name = "broken-" + Guid.NewGuid().ToString("N")[..8];
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new(mediaType);
        await (await _engineer.PostAsync($"/api/v1/datasets/{name}/versions", content)).ProblemAsync(HttpStatusCode.BadRequest);
        await (await _engineer.GetAsync($"/api/v1/datasets/{name}/versions")).ProblemAsync(HttpStatusCode.NotFound);
        AssertNoArtifactFiles();
    }

    [Fact]
    public async Task An_unknown_media_type_is_a_400_that_says_which_types_work()
    {
        var content = new StringContent("whatever", Encoding.UTF8, "text/plain");
        var detail = await (await _engineer.PostAsync("/api/v1/datasets/plain/versions", content)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("text/csv", detail);
    }

    [Fact]
    public async Task An_oversized_upload_is_a_413_as_raw_body_and_as_multipart()
    {
        var big = "text,label\n" + string.Concat(Enumerable.Repeat("some fairly long line of text,ham\n", 4000));
        Assert.True(big.Length > GovernanceApp.MaxDatasetBytes + 64 * 1024);
        var raw = new StringContent(big, Encoding.UTF8, "text/csv");
        await (await _engineer.PostAsync("/api/v1/datasets/too-big/versions", raw)).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        // Just over the file limit, within the multipart allowance: stopped by the file's own size.
        var justOver = "text,label\n" + new string('x', (int)GovernanceApp.MaxDatasetBytes) + ",ham\n";
        using var form = new MultipartFormDataContent { { new StringContent(justOver), "file", "big.csv" } };
        await (await _engineer.PostAsync("/api/v1/datasets/too-big/versions", form)).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        // Streamed without Content-Length: stopped while reading.
        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big)));
        chunked.Headers.ContentType = new("text/csv");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/datasets/too-big/versions") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        await (await _engineer.SendAsync(request)).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        await (await _engineer.GetAsync("/api/v1/datasets/too-big/versions")).ProblemAsync(HttpStatusCode.NotFound);
        AssertNoArtifactFiles();
    }

    [Fact]
    public async Task An_oversized_artifact_is_a_413_and_no_version_is_registered()
    {
        var name = "bigart-" + Guid.NewGuid().ToString("N")[..8];
        await (await _engineer.PostJsonAsync("/api/v1/models", Json.NewModel(name))).ReadAsync(HttpStatusCode.Created);
        _auditBefore++;
        using var form = new MultipartFormDataContent { { new ByteArrayContent(new byte[GovernanceApp.MaxDatasetBytes + 1]), "artifact", "w.bin" } };
        await (await _engineer.PostAsync($"/api/v1/models/{name}/versions", form)).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        using var noFile = new MultipartFormDataContent { { new StringContent("{}"), "metadata" } };
        await (await _engineer.PostAsync($"/api/v1/models/{name}/versions", noFile)).ProblemAsync(HttpStatusCode.BadRequest);
        using var badMetadata = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "artifact", "w.bin" }, { new StringContent("{seed:"), "metadata" } };
        await (await _engineer.PostAsync($"/api/v1/models/{name}/versions", badMetadata)).ProblemAsync(HttpStatusCode.BadRequest);
        var versions = await (await _engineer.GetAsync($"/api/v1/models/{name}/versions")).ReadAsync(HttpStatusCode.OK);
        Assert.Equal(0, versions.GetArrayLength());
        AssertNoArtifactFiles();
    }

    [Fact]
    public async Task A_bad_audit_filter_is_a_400_naming_the_parameter()
    {
        var detail = await (await _auditor.GetAsync("/api/v1/audit?from=yesterday")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("from", detail);
        detail = await (await _auditor.GetAsync("/api/v1/audit?pageSize=100000")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("Page size", detail);
    }

    /// <summary>Only files of datasets that were registered may exist (none are uploaded in this class).</summary>
    private void AssertNoArtifactFiles()
    {
        var root = Path.Combine(fixture.Directory, "artifacts");
        var files = Directory.Exists(root) ? Directory.GetFiles(root, "*", SearchOption.AllDirectories) : [];
        Assert.Empty(files);
    }
}

public sealed class SqliteBadInputTests(SqliteAppFixture fixture) : BadInputTests<SqliteAppFixture>(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresBadInputTests(PostgresAppFixture fixture) : BadInputTests<PostgresAppFixture>(fixture), IClassFixture<PostgresAppFixture>;
