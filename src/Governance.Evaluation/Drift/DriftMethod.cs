using System.Text.Json.Serialization;

namespace Governance.Evaluation.Drift;

/// <summary>The statistic a drift result was computed with.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DriftMethod>))]
public enum DriftMethod
{
    /// <summary>Two-sample Kolmogorov-Smirnov test; drift when p-value &lt; threshold.</summary>
    KolmogorovSmirnov,
    /// <summary>Wasserstein-1 distance divided by the reference's population standard deviation; drift when &gt;= threshold.</summary>
    Wasserstein,
    /// <summary>Population stability index; drift when &gt;= threshold.</summary>
    PopulationStabilityIndex,
    /// <summary>Jensen-Shannon distance (natural log, SciPy's jensenshannon); drift when &gt;= threshold.</summary>
    JensenShannon,
    /// <summary>Pearson chi-square goodness of fit of current counts to reference proportions; drift when p-value &lt; threshold.</summary>
    ChiSquare,
    /// <summary>Largest absolute difference of category proportions; drift when &gt;= threshold.</summary>
    LInfinity,
    /// <summary>Share of current tokens not in the reference vocabulary; drift when &gt;= threshold.</summary>
    OutOfVocabularyRate,
    /// <summary>Cross-validated ROC-AUC of a classifier told to separate reference from current; drift when &gt;= threshold.</summary>
    DomainClassifier,
    /// <summary>Maximum mean discrepancy with an RBF kernel and a permutation p-value; drift when p-value &lt; threshold.</summary>
    MaximumMeanDiscrepancy,
}
