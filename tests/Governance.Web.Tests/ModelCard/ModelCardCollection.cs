namespace Governance.Web.Tests.ModelCard;

/// <summary>The card tests share one loop-made model (one retrain for all of them) and run one class at a time.</summary>
[CollectionDefinition(Name)]
public sealed class ModelCardCollection : ICollectionFixture<ModelCardFixture>
{
    public const string Name = "ModelCard";
}
