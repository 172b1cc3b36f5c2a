using Governance.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Governance.EndToEnd.Tests;

/// <summary>
/// The portal on PostgreSQL, the system of record: the same walkthroughs as on SQLite, so a query
/// that only one provider translates fails here. Screenshots are prefixed "pg-".
/// </summary>
[Collection(PostgresPortalCollection.Name)]
public sealed class PostgresWalkthroughTests(PostgresPortalFixture portal, ITestOutputHelper output)
{
    private readonly Screenshots _screenshots = new(output, portal.ScreenshotPrefix);

    [Fact]
    public Task Admin_signs_in_opens_the_model_and_sees_its_registration_in_the_audit_trail() =>
        Walkthroughs.SignInOpenModelAndAuditTimelineAsync(portal, _screenshots);

    [Fact]
    public Task Reviewer_verifies_the_chain_and_sees_it_intact() =>
        Walkthroughs.VerifyChainIntactAsync(portal, _screenshots);
}
