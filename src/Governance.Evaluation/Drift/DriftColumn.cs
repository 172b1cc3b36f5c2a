namespace Governance.Evaluation.Drift;

/// <summary>One named column of a table compared for drift: <see cref="NumericColumn"/> or <see cref="CategoricalColumn"/>.</summary>
public abstract record DriftColumn(string Name)
{
    /// <summary>Kind of the column's values.</summary>
    public abstract ColumnKind Kind { get; }

    /// <summary>Number of rows (including NaN / null).</summary>
    public abstract int Length { get; }
}

/// <summary>A column of real numbers (NaN/Infinity handled per <see cref="NonFinitePolicy"/>).</summary>
public sealed record NumericColumn(string Name, double[] Values) : DriftColumn(Name)
{
    /// <inheritdoc />
    public override ColumnKind Kind => ColumnKind.Numeric;

    /// <inheritdoc />
    public override int Length => Values.Length;
}

/// <summary>A column of labels (null = missing).</summary>
public sealed record CategoricalColumn(string Name, string?[] Values) : DriftColumn(Name)
{
    /// <inheritdoc />
    public override ColumnKind Kind => ColumnKind.Categorical;

    /// <inheritdoc />
    public override int Length => Values.Length;
}
