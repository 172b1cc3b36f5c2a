using System.Net;
using Governance.Web.Tests.Infrastructure;

namespace Governance.Web.Tests;

/// <summary>
/// A page for something that does not exist answers 404 and still says what is missing (.NET 10 drops
/// the body of a page ending with 404 unless the status is applied as the headers go out).
/// </summary>
public sealed class NotFoundPagesTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    public static TheoryData<string, string> Pages() => new()
    {
        { "/models/no-such-model", "No model is registered under the name 'no-such-model'." },
        { "/datasets/no-such-data/3", "Dataset version not found" },
        { "/jobs/runs/6f1d0c7e-1111-4222-8333-944455556666", "Run 6f1d0c7e-1111-4222-8333-944455556666 does not exist." },
        { "/models/no-such-model/versions/1/card", "no-such-model" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Missing_subject_answers_404_with_its_explanation(string path, string expected)
    {
        var session = new BrowserSession(fixture.App);
        Assert.Equal(HttpStatusCode.Redirect, (await session.SignInAsync("admin", GovernanceApp.AdminPassword)).StatusCode);

        var response = await session.Client.GetAsync(path);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(expected, html, StringComparison.Ordinal);
        Assert.Contains("<h1", html, StringComparison.Ordinal);
    }
}
