namespace Governance.Evaluation.Generation;

/// <summary>BLEU smoothing, as sacreBLEU (Chen and Cherry 2014 numbering in brackets).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<BleuSmoothing>))]
public enum BleuSmoothing
{
    /// <summary>No smoothing: any order with no match makes BLEU 0.</summary>
    None,

    /// <summary>Method 1: an order with no match gets precision floor / total (default floor 0.1).</summary>
    Floor,

    /// <summary>Method 2: add k (default 1) to matches and totals of orders 2 and up.</summary>
    AddK,

    /// <summary>Method 3, NIST (mteval-v13a, sacreBLEU default): the i-th order with no match gets 1 / (2^i total).</summary>
    Exp,
}

/// <summary>Corpus BLEU settings; the defaults are sacreBLEU's (13a, mixed case, exp smoothing, order 4).</summary>
/// <param name="Smoothing">Smoothing method.</param>
/// <param name="SmoothValue">Floor or k; null takes the method's default (0.1, 1).</param>
/// <param name="MaxOrder">Largest n-gram order.</param>
/// <param name="Lowercase">Lowercase before tokenising.</param>
/// <param name="Tokenize">Apply the 13a tokenizer (false: split on whitespace only, sacreBLEU's "none").</param>
/// <param name="EffectiveOrder">Stop at the largest order with any n-grams (for sentence-level use).</param>
public sealed record BleuOptions(BleuSmoothing Smoothing = BleuSmoothing.Exp, double? SmoothValue = null, int MaxOrder = 4,
    bool Lowercase = false, bool Tokenize = true, bool EffectiveOrder = false);

/// <summary>Corpus BLEU and its sufficient statistics.</summary>
/// <param name="Score">BLEU on sacreBLEU's 0-100 scale.</param>
/// <param name="Matches">Clipped n-gram matches per order (1..MaxOrder).</param>
/// <param name="Totals">Hypothesis n-grams per order.</param>
/// <param name="Precisions">Precisions per order, in percent, after smoothing.</param>
/// <param name="BrevityPenalty">exp(1 - r/c) when c &lt; r, else 1 (0 when c = 0).</param>
/// <param name="HypothesisLength">c: hypothesis tokens.</param>
/// <param name="ReferenceLength">r: sum of closest reference lengths (ties to the shorter).</param>
/// <param name="Segments">Hypothesis segments.</param>
/// <param name="Signature">sacreBLEU-style signature of the settings.</param>
public sealed record BleuResult(double Score, IReadOnlyList<long> Matches, IReadOnlyList<long> Totals, IReadOnlyList<double> Precisions,
    double BrevityPenalty, long HypothesisLength, long ReferenceLength, int Segments, string Signature)
{
    /// <summary>Result schema version.</summary>
    public string SchemaVersion { get; init; } = Governance.Evaluation.Statistics.ResultSchema.Version;
}
