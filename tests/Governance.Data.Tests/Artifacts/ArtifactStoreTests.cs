using System.Security.Cryptography;
using System.Text;
using Governance.Data.Artifacts;

namespace Governance.Data.Tests.Artifacts;

public sealed class ArtifactStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "gov-store-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly ArtifactStore _store;

    public ArtifactStoreTests() => _store = new ArtifactStore(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static MemoryStream Content(string text) => new(Encoding.UTF8.GetBytes(text));

    private IEnumerable<string> Files() => Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories);

    [Fact]
    public async Task Content_is_stored_under_its_sha256()
    {
        var stored = await _store.SaveAsync(Content("weights"), 1000);

        var hash = Convert.ToHexStringLower(SHA256.HashData("weights"u8));
        Assert.Equal(new StoredArtifact(hash, 7, false), stored);
        Assert.Equal(Path.Combine(_root, "sha256", hash[..2], hash[2..4], hash), Assert.Single(Files()));
        await using var read = _store.OpenRead(hash);
        Assert.Equal("weights", await new StreamReader(read).ReadToEndAsync());
    }

    [Fact]
    public async Task Identical_content_is_stored_once()
    {
        await _store.SaveAsync(Content("same"), 1000);

        var again = await _store.SaveAsync(Content("same"), 1000);

        Assert.True(again.AlreadyExisted);
        Assert.Single(Files());
    }

    [Fact]
    public async Task Content_past_the_limit_is_refused_and_its_temp_file_removed()
    {
        var error = await Assert.ThrowsAsync<ArtifactTooLargeException>(() => _store.SaveAsync(new MemoryStream(new byte[300_000]), 200_000));

        Assert.Equal(200_000, error.MaxBytes);
        Assert.Empty(Files());
    }

    [Theory]
    [InlineData("../../../etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789")]
    [InlineData("abcdef0123456789abcdef0123456789abcdef0123456789abcdef012345678")]
    [InlineData("abcdef0123456789abcdef0123456789abcdef0123456789abcdef012345678/")]
    [InlineData("")]
    public void Anything_but_a_lower_case_sha256_is_refused_before_a_path_is_built(string hash)
    {
        Assert.Throws<ArgumentException>(() => _store.OpenRead(hash));
        Assert.Throws<ArgumentException>(() => _store.Exists(hash));
        Assert.Throws<ArgumentException>(() => _store.Delete(hash));
    }

    [Fact]
    public async Task Delete_removes_a_stored_file()
    {
        var stored = await _store.SaveAsync(Content("orphan"), 1000);

        _store.Delete(stored.Hash);

        Assert.False(_store.Exists(stored.Hash));
        Assert.Throws<FileNotFoundException>(() => _store.OpenRead(stored.Hash));
    }
}
