namespace Governance.Evaluation.Statistics;

/// <summary>
/// Input checks shared by metrics and drift: each throws <see cref="ArgumentException"/> naming the
/// parameter, the index and the problem, so bad input never turns into a silent wrong number.
/// </summary>
public static class InputGuard
{
    /// <summary>Throws if <paramref name="values"/> is empty.</summary>
    public static void NotEmpty<T>(ReadOnlySpan<T> values, string parameterName)
    {
        if (values.IsEmpty) throw new ArgumentException("Input is empty.", parameterName);
    }

    /// <summary>Throws if the two lengths differ.</summary>
    public static void SameLength(int expected, int actual, string parameterName, string referenceName)
    {
        if (expected != actual)
            throw new ArgumentException($"Length {actual} does not match {referenceName} length {expected}.", parameterName);
    }

    /// <summary>Throws on the first NaN or infinity.</summary>
    public static void Finite(ReadOnlySpan<double> values, string parameterName)
    {
        for (int i = 0; i < values.Length; i++)
            if (!double.IsFinite(values[i]))
                throw new ArgumentException($"Value at index {i} is {values[i]}; finite numbers are required.", parameterName);
    }

    /// <summary>Throws on the first value that is not a probability in [0, 1] (NaN included).</summary>
    public static void Probabilities(ReadOnlySpan<double> values, string parameterName)
    {
        for (int i = 0; i < values.Length; i++)
            if (!(values[i] >= 0 && values[i] <= 1))
                throw new ArgumentException($"Value at index {i} is {values[i]}; probabilities must be in [0, 1].", parameterName);
    }

    /// <summary>Throws on the first label that is not 0 or 1.</summary>
    public static void BinaryLabels(ReadOnlySpan<int> labels, string parameterName)
    {
        for (int i = 0; i < labels.Length; i++)
            if (labels[i] is not (0 or 1))
                throw new ArgumentException($"Label at index {i} is {labels[i]}; binary labels must be 0 or 1.", parameterName);
    }

    /// <summary>Throws on the first label outside [0, classCount).</summary>
    public static void ClassLabels(ReadOnlySpan<int> labels, int classCount, string parameterName)
    {
        for (int i = 0; i < labels.Length; i++)
            if ((uint)labels[i] >= (uint)classCount)
                throw new ArgumentException($"Label at index {i} is {labels[i]}; labels must be in [0, {classCount}).", parameterName);
    }
}
