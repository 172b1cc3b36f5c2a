using System.Security.Cryptography;
using System.Text;
using Governance.Data.Artifacts;
using Governance.Data.Tests.Infrastructure;
using Governance.Domain;
using Governance.Domain.Audit;
using Governance.Domain.Registry;
using Governance.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Data.Tests.Registry;

public abstract class DatasetRegistrationTests(DatabaseProvider provider, PostgresServer? postgres) : RegistryTestBase(provider, postgres)
{
    private const string Jsonl = "{\"text\":\"win money\",\"label\":\"spam\"}\n{\"text\":\"lunch?\",\"label\":\"ham\",\"lang\":\"en\"}\n";

    private Task<DatasetVersion> UploadAsync(string content, DatasetDraft? draft = null, DatasetFormat format = DatasetFormat.Jsonl, long maxBytes = 1 << 20) =>
        RegistryAsync(r => r.RegisterDatasetVersionAsync(draft ?? new DatasetDraft("spam-emails", "SpamAssassin"), format,
            new MemoryStream(Encoding.UTF8.GetBytes(content)), maxBytes, Alice));

    private ArtifactStore Store => Db.Services.GetRequiredService<ArtifactStore>();

    private IEnumerable<string> StoredFiles() =>
        Directory.Exists(Store.Root) ? Directory.EnumerateFiles(Store.Root, "*", SearchOption.AllDirectories) : [];

    [Fact]
    public async Task An_upload_is_stored_by_hash_parsed_and_audited()
    {
        var dataset = await UploadAsync(Jsonl);

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Jsonl)));
        Assert.Equal((1, hash, 2L, Encoding.UTF8.GetByteCount(Jsonl)), (dataset.Version, dataset.ContentHash, dataset.RowCount, (int)dataset.SizeBytes));
        Assert.Equal(["text", "label", "lang"], dataset.Columns);
        Assert.True(Store.Exists(hash));
        var stored = await RegistryAsync(r => r.GetDatasetVersionAsync("spam-emails", 1));
        Assert.Equal(["text", "label", "lang"], stored!.Columns);
        var e = Assert.Single(await AuditEventsAsync());
        Assert.Equal((AuditActions.DatasetVersionRegistered, "spam-emails/1"), (e.Action, e.SubjectId));
        Assert.Contains(hash, e.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Versions_count_up_per_dataset_name()
    {
        await UploadAsync(Jsonl);
        await UploadAsync(Jsonl + "{\"text\":\"more\"}\n");
        await UploadAsync("a,b\n1,2\n", new DatasetDraft("other"), DatasetFormat.Csv);

        var spam = await RegistryAsync(r => r.ListDatasetVersionsAsync("spam-emails"));
        var all = await RegistryAsync(r => r.ListDatasetVersionsAsync());

        Assert.Equal([2, 1], spam.Select(d => d.Version));
        Assert.Equal(3, all.Count);
        Assert.Equal(DatasetFormat.Csv, all.Single(d => d.Name == "other").Format);
    }

    [Fact]
    public async Task A_malformed_upload_leaves_no_row_no_event_and_no_file()
    {
        var error = await Assert.ThrowsAsync<DomainException>(() => UploadAsync("{\"a\":1}\n{broken\n"));

        Assert.Equal(DomainErrorKind.Invalid, error.Kind);
        Assert.Contains("Line 2", error.Message, StringComparison.Ordinal);
        Assert.Empty(await RegistryAsync(r => r.ListDatasetVersionsAsync()));
        Assert.Empty(await AuditEventsAsync());
        Assert.Empty(StoredFiles());
    }

    [Fact]
    public async Task An_oversized_upload_is_refused_and_nothing_is_kept()
    {
        var error = await Assert.ThrowsAsync<DomainException>(() => UploadAsync(Jsonl, maxBytes: 10));

        Assert.Equal(DomainErrorKind.Invalid, error.Kind);
        Assert.Contains("10 bytes", error.Message, StringComparison.Ordinal);
        Assert.Empty(StoredFiles());
        Assert.Empty(await AuditEventsAsync());
    }

    [Fact]
    public async Task A_failure_after_storing_removes_the_new_file_but_keeps_shared_content()
    {
        var badWindow = new DatasetDraft("spam-emails", WindowStart: DateTimeOffset.UtcNow, WindowEnd: DateTimeOffset.UtcNow.AddDays(-1));

        await Assert.ThrowsAsync<DomainException>(() => UploadAsync(Jsonl, badWindow));
        Assert.Empty(StoredFiles());

        var kept = await UploadAsync(Jsonl);
        await Assert.ThrowsAsync<DomainException>(() => UploadAsync(Jsonl, badWindow));

        Assert.True(Store.Exists(kept.ContentHash), "content referenced by version 1 must survive a later failed upload");
        Assert.Single(StoredFiles());
        Assert.Single(await AuditEventsAsync());
    }

    [Fact]
    public async Task A_version_artifact_is_stored_by_hash_and_removed_if_registration_fails()
    {
        await RegistryAsync(r => r.RegisterModelAsync(Draft(), Alice));
        var weights = new byte[] { 1, 2, 3, 4 };

        var version = await RegistryAsync(r => r.RegisterVersionWithArtifactAsync("spam-filter", new VersionDraft(), new MemoryStream(weights), 1024, Alice));
        var failed = await Assert.ThrowsAsync<DomainException>(() => RegistryAsync(r =>
            r.RegisterVersionWithArtifactAsync("spam-filter", new VersionDraft(DatasetVersionId: Guid.NewGuid()), new MemoryStream([9, 9]), 1024, Alice)));
        var unknownHash = await Assert.ThrowsAsync<DomainException>(() => RegistryAsync(r =>
            r.RegisterVersionAsync("spam-filter", new VersionDraft(ArtifactHash: new string('a', 64)), Alice)));

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(weights)), version.ArtifactHash);
        Assert.True(Store.Exists(version.ArtifactHash!));
        Assert.Equal(DomainErrorKind.NotFound, failed.Kind);
        Assert.Equal(DomainErrorKind.NotFound, unknownHash.Kind);
        Assert.Single(StoredFiles());
        Assert.Equal(2, (await AuditEventsAsync()).Count);
    }

    [Fact]
    public async Task A_version_can_name_its_training_dataset()
    {
        var dataset = await UploadAsync(Jsonl);
        await RegistryAsync(r => r.RegisterModelAsync(Draft(), Alice));

        var version = await RegistryAsync(r => r.RegisterVersionAsync("spam-filter", new VersionDraft(DatasetVersionId: dataset.Id), Alice));

        Assert.Equal(dataset.Id, version.DatasetVersionId);
        Assert.Equal(dataset.Id, (await RegistryAsync(r => r.GetDatasetVersionAsync(dataset.Id)))!.Id);
        await AssertChainIntactAsync();
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresDatasetRegistrationTests(PostgresFixture fixture) : DatasetRegistrationTests(DatabaseProvider.Postgres, fixture.Server);

public sealed class SqliteDatasetRegistrationTests() : DatasetRegistrationTests(DatabaseProvider.Sqlite, null);
