using System.Net;
using Governance.Domain.Access;
using Governance.Web.Tests.Infrastructure;

namespace Governance.Web.Tests.ModelCard;

/// <summary>Without Chromium the PDF export answers 503 with the reason and writes nothing; the HTML export still works.</summary>
public sealed class NoChromiumTests(NoChromiumAppFixture fixture) : IClassFixture<NoChromiumAppFixture>
{
    [Fact]
    public async Task Pdf_export_is_503_with_the_reason_and_no_audit_event_while_html_still_exports()
    {
        var app = fixture.App;
        var model = "nochrome-" + Guid.NewGuid().ToString("N")[..8];
        var (engineer, _) = await app.ClientWithTokenAsync("eng-" + Guid.NewGuid().ToString("N")[..8], Roles.MLEngineer);
        await (await engineer.PostJsonAsync("/api/v1/models", Json.NewModel(model))).ReadAsync(HttpStatusCode.Created);
        await (await engineer.PostJsonAsync($"/api/v1/models/{model}/versions", new { })).ReadAsync(HttpStatusCode.Created);

        var before = await app.AuditCountAsync();
        var pdf = await engineer.GetAsync($"/models/{model}/versions/1/card.pdf");
        var problem = await pdf.ProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Contains(fixture.ChromiumPath, problem, StringComparison.Ordinal);
        Assert.Contains("card.html", problem, StringComparison.Ordinal);
        Assert.Equal(before, await app.AuditCountAsync());

        var html = await engineer.GetAsync($"/models/{model}/versions/1/card.html");
        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        Assert.Equal(before + 1, await app.AuditCountAsync());
    }
}
