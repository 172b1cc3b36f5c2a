using Governance.Domain.Registry;

namespace Governance.Data.Registry;

/// <summary>A model as the models list shows it: with its version count and production version.</summary>
public sealed record ModelSummary(Model Model, int VersionCount, int? ProductionVersion);
