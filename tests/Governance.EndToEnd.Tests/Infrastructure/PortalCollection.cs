namespace Governance.EndToEnd.Tests.Infrastructure;

/// <summary>All browser tests share one portal and one Chromium, and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalFixture>
{
    public const string Name = "portal";
}
