namespace Governance.Pipelines.UseCases;

/// <summary>Newly labelled rows for a model's next training snapshot (prediction logs with reviewer labels, once they exist).</summary>
public interface IFeedbackSource
{
    Task<IReadOnlyList<LabelledRow>> NewLabelledRowsAsync(string modelName, CancellationToken cancellationToken);
}

/// <summary>No feedback yet: the snapshot is the previous training data.</summary>
public sealed class NoFeedback : IFeedbackSource
{
    public Task<IReadOnlyList<LabelledRow>> NewLabelledRowsAsync(string modelName, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<LabelledRow>>([]);
}
