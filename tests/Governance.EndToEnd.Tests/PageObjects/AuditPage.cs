using Microsoft.Playwright;

namespace Governance.EndToEnd.Tests.PageObjects;

/// <summary>/audit: the filtered, keyset-paged audit trail.</summary>
internal sealed class AuditPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Audit trail", Exact = true });

    public ILocator Rows => page.Locator("table.audit-table tbody tr");

    /// <summary>Rows whose action cell is exactly <paramref name="action"/> and whose subject is "type:id".</summary>
    public ILocator EventRows(string action, string subject) =>
        Rows.Filter(new() { Has = page.Locator("code.action", new() { HasTextString = action }) })
            .Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = subject, Exact = true }) });

    public ILocator SubjectFilter => page.GetByLabel("Subject", new() { Exact = true });

    /// <summary>A subject id and everything under it (the model and its versions).</summary>
    public ILocator PrefixFilter => page.GetByLabel("Under (id prefix)", new() { Exact = true });

    public ILocator OlderLink => page.GetByRole(AriaRole.Link, new() { Name = "Older" }).First;

    public ILocator ExportCsvLink => page.GetByRole(AriaRole.Link, new() { Name = "Export CSV" });
}
