using Governance.Evaluation.Statistics;

namespace Governance.Evaluation.Fairness;

/// <summary>
/// Group fairness metrics. Several attributes are crossed into intersectional groups
/// ("gender=female|age=60+"). Definitions follow fairlearn: differences are max - min and ratios
/// min / max over groups; equalized odds takes the worse of the TPR and FPR gaps.
/// </summary>
public static class GroupFairness
{
    private const string Method = "one-vs-rest counts per group; disparities over groups with at least the minimum size and a defined rate: " +
        "difference = max - min, ratio = min / max (fairlearn); equalized odds = worse of TPR and FPR; disparate impact = selection rate / reference group's";

    /// <summary>Binary task: fairness of the favourable class <see cref="FairnessOptions.PositiveClass"/> (labels 0/1).</summary>
    public static FairnessReport Binary(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted, IReadOnlyList<SensitiveAttribute> attributes,
        FairnessOptions? options = null)
    {
        options ??= new FairnessOptions();
        InputGuard.BinaryLabels(actual, nameof(actual));
        InputGuard.BinaryLabels(predicted, nameof(predicted));
        return ForClass(actual, predicted, 2, options.PositiveClass, attributes, options);
    }

    /// <summary>Multiclass task: one report per class, one-vs-rest.</summary>
    public static IReadOnlyList<FairnessReport> Multiclass(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted, int classCount,
        IReadOnlyList<SensitiveAttribute> attributes, FairnessOptions? options = null)
    {
        options ??= new FairnessOptions();
        var reports = new FairnessReport[classCount];
        for (int c = 0; c < classCount; c++) reports[c] = ForClass(actual, predicted, classCount, c, attributes, options);
        return reports;
    }

    /// <summary>Fairness of class <paramref name="positiveClass"/> against all others.</summary>
    /// <exception cref="ArgumentException">Empty or mismatched inputs, labels out of range, no attributes, unknown reference group.</exception>
    public static FairnessReport ForClass(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted, int classCount, int positiveClass,
        IReadOnlyList<SensitiveAttribute> attributes, FairnessOptions options)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        ArgumentNullException.ThrowIfNull(options);
        if (attributes.Count == 0) throw new ArgumentException("At least one sensitive attribute is required.", nameof(attributes));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MinimumGroupSize, 1);
        if (!(options.DisparateImpactLower > 0 && options.DisparateImpactLower <= options.DisparateImpactUpper))
            throw new ArgumentException($"Disparate-impact band [{options.DisparateImpactLower}, {options.DisparateImpactUpper}] is invalid.", nameof(options));
        InputGuard.NotEmpty(actual, nameof(actual));
        InputGuard.SameLength(actual.Length, predicted.Length, nameof(predicted), nameof(actual));
        InputGuard.ClassLabels(actual, classCount, nameof(actual));
        InputGuard.ClassLabels(predicted, classCount, nameof(predicted));
        if ((uint)positiveClass >= (uint)classCount) throw new ArgumentOutOfRangeException(nameof(positiveClass), positiveClass, "Class out of range.");
        foreach (var a in attributes)
            InputGuard.SameLength(actual.Length, a.Values.Count, $"attributes[{a.Name}]", nameof(actual));

        // Confusion counts per group: tp, fp, fn, tn.
        var counts = new Dictionary<string, int[]>(StringComparer.Ordinal);
        for (int i = 0; i < actual.Length; i++)
        {
            string key = string.Join('|', attributes.Select(a => $"{a.Name}={a.Values[i] ?? "(missing)"}"));
            if (!counts.TryGetValue(key, out var c)) counts[key] = c = new int[4];
            bool isPositive = actual[i] == positiveClass, predictedPositive = predicted[i] == positiveClass;
            c[isPositive ? (predictedPositive ? 0 : 2) : (predictedPositive ? 1 : 3)]++;
        }
        foreach (string expected in options.ExpectedGroups ?? []) counts.TryAdd(expected, new int[4]);

        var groups = counts.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => Metrics(kv.Key, kv.Value, options.MinimumGroupSize)).ToList();
        var eligible = groups.Where(g => g.Status == MetricStatus.Defined).ToList();
        var below = groups.Where(g => g.Status != MetricStatus.Defined).Select(g => g.Group).ToList();

        var dp = Gap("demographic_parity", "selection rate", eligible, g => g.SelectionRate);
        var eo = Gap("equal_opportunity", "true positive rate", eligible, g => g.TruePositiveRate);
        var fpr = Gap("false_positive_rate_parity", "false positive rate", eligible, g => g.FalsePositiveRate);
        var pp = Gap("predictive_parity", "precision", eligible, g => g.Precision);
        return new FairnessReport(attributes.Select(a => a.Name).ToList(), positiveClass, actual.Length, options, groups, below,
            dp, eo, EqualizedOdds(eo, fpr), pp, Impact(groups, eligible, options), Method);
    }

    private static GroupMetrics Metrics(string key, int[] c, int minimumSize)
    {
        int tp = c[0], fp = c[1], fn = c[2], tn = c[3], n = tp + fp + fn + tn;
        var notes = new List<string>();
        if (n == 0)
            return new GroupMetrics(key, 0, MetricStatus.InsufficientSupport, 0, 0, null, null, null, null, null, null, ["Group has no members."]);
        if (n < minimumSize) notes.Add($"{n} members, below the minimum group size {minimumSize}: reported, not compared.");
        double? tpr = tp + fn > 0 ? (double)tp / (tp + fn) : Note(notes, "TPR undefined: no actual positives.");
        double? fprValue = fp + tn > 0 ? (double)fp / (fp + tn) : Note(notes, "FPR undefined: no actual negatives.");
        double? precision = tp + fp > 0 ? (double)tp / (tp + fp) : Note(notes, "Precision undefined: nothing predicted positive.");
        double? f1 = 2 * tp + fp + fn > 0 ? 2.0 * tp / (2 * tp + fp + fn) : Note(notes, "F1 undefined: class absent in truth and prediction.");
        return new GroupMetrics(key, n, n < minimumSize ? MetricStatus.InsufficientSupport : MetricStatus.Defined, tp + fn, tp + fp,
            (double)(tp + fp) / n, tpr, fprValue, precision, (double)(tp + tn) / n, f1, notes);
    }

    private static double? Note(List<string> notes, string note)
    {
        notes.Add(note);
        return null;
    }

    private static Disparity Gap(string metric, string rate, List<GroupMetrics> eligible, Func<GroupMetrics, double?> select)
    {
        var values = eligible.Where(g => select(g) is not null).Select(g => (g.Group, Value: select(g)!.Value)).ToList();
        string method = $"{rate}: max - min and min / max over eligible groups";
        if (values.Count < 2)
            return new Disparity(metric, MetricStatus.Undefined, null, null, null, null, values.Count, method,
                $"Needs two eligible groups with a defined {rate}; found {values.Count}.");
        var high = values.MaxBy(v => v.Value);
        var low = values.MinBy(v => v.Value);
        double? ratio = high.Value > 0 ? low.Value / high.Value : null;
        return new Disparity(metric, MetricStatus.Defined, high.Value - low.Value, ratio, high.Group, low.Group, values.Count, method,
            ratio is null ? $"Ratio undefined: every group's {rate} is 0." : null);
    }

    private static Disparity EqualizedOdds(Disparity tpr, Disparity fpr)
    {
        const string method = "worse of the TPR and FPR gaps: difference = max(dTPR, dFPR), ratio = min(rTPR, rFPR)";
        if (tpr.Status != MetricStatus.Defined || fpr.Status != MetricStatus.Defined)
            return new Disparity("equalized_odds", MetricStatus.Undefined, null, null, null, null, Math.Min(tpr.GroupsCompared, fpr.GroupsCompared), method,
                $"TPR: {tpr.Reason ?? "defined"}; FPR: {fpr.Reason ?? "defined"}");
        var worse = tpr.Difference >= fpr.Difference ? tpr : fpr;
        double? ratio = tpr.Ratio is double a && fpr.Ratio is double b ? Math.Min(a, b) : null;
        return new Disparity("equalized_odds", MetricStatus.Defined, worse.Difference, ratio, worse.HighestGroup, worse.LowestGroup,
            Math.Min(tpr.GroupsCompared, fpr.GroupsCompared), method, ratio is null ? "Ratio undefined: a rate is 0 in every group." : null);
    }

    private static DisparateImpactResult Impact(List<GroupMetrics> groups, List<GroupMetrics> eligible, FairnessOptions o)
    {
        string method = $"selection rate / reference group's selection rate, acceptable within [{o.DisparateImpactLower}, {o.DisparateImpactUpper}]; " +
            (o.ReferenceGroup is null ? "reference = largest eligible group" : "reference given by the caller");
        GroupMetrics? reference;
        if (o.ReferenceGroup is not null)
        {
            reference = groups.FirstOrDefault(g => g.Group == o.ReferenceGroup)
                ?? throw new ArgumentException($"Reference group '{o.ReferenceGroup}' does not occur; groups are: {string.Join(", ", groups.Select(g => g.Group))}.", "options");
        }
        else
        {
            reference = eligible.OrderByDescending(g => g.Count).ThenBy(g => g.Group, StringComparer.Ordinal).FirstOrDefault();
        }
        if (reference is null || reference.Status != MetricStatus.Defined || reference.SelectionRate is not > 0)
        {
            string why = reference is null ? "No eligible group to serve as reference."
                : reference.Status != MetricStatus.Defined ? $"Reference group '{reference.Group}' is below the minimum size."
                : $"Reference group '{reference.Group}' has selection rate 0.";
            return new DisparateImpactResult(reference?.Group, o.DisparateImpactLower, o.DisparateImpactUpper,
                eligible.Select(g => new GroupImpact(g.Group, null, null, why)).ToList(), null, method);
        }
        var impacts = eligible.Select(g =>
        {
            double ratio = g.SelectionRate!.Value / reference.SelectionRate!.Value;
            return new GroupImpact(g.Group, ratio, ratio >= o.DisparateImpactLower && ratio <= o.DisparateImpactUpper, null);
        }).ToList();
        return new DisparateImpactResult(reference.Group, o.DisparateImpactLower, o.DisparateImpactUpper, impacts,
            impacts.All(i => i.WithinBand == true), method);
    }
}
