using Governance.Learning.Tensors;

namespace Governance.Learning.Nn;

/// <summary>A trainable tensor with its Hugging Face style name; <paramref name="Decay"/> is false for norms and biases.</summary>
public sealed record NamedParameter(string Name, Tensor Value, bool Decay);
