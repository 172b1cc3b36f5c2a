namespace Governance.EndToEnd.Tests.Infrastructure;

/// <summary>Browser tests of the governance loop share one portal (web + worker) and one Chromium, one test at a time.</summary>
[CollectionDefinition(Name)]
public sealed class LoopPortalCollection : ICollectionFixture<LoopPortalFixture>
{
    public const string Name = "portal-loop";
}
