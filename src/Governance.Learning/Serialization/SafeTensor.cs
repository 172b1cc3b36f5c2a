namespace Governance.Learning.Serialization;

/// <summary>One named float32 tensor read from or written to a safetensors file.</summary>
public sealed record SafeTensor(string Name, int[] Shape, float[] Data);
