using Governance.Learning.Autograd;
using Governance.Learning.Nn;
using Governance.Learning.Training;

namespace Governance.Learning.Tests;

/// <summary>Tiny configs and a synthetic two-class task shared by the tests.</summary>
internal static class TinyModels
{
    public static EncoderConfig Config(bool preLn = false, float dropout = 0.1f) => new()
    {
        VocabSize = 40,
        HiddenSize = 16,
        NumLayers = 2,
        NumHeads = 2,
        IntermediateSize = 32,
        MaxPositions = 12,
        HiddenDropout = dropout,
        AttentionDropout = dropout,
        PreLayerNorm = preLn,
        NumLabels = 2,
    };

    /// <summary>Class 1 sequences contain token 7 somewhere; class 0 never do. Random lengths with padding.</summary>
    public static List<TokenizedExample> Task(int count, ulong seed)
    {
        var random = new RandomSource(seed);
        var list = new List<TokenizedExample>();
        for (var i = 0; i < count; i++)
        {
            var label = i % 2;
            var length = 4 + random.NextInt(7);
            var ids = new int[length];
            ids[0] = 1; // [CLS]
            for (var t = 1; t < length; t++)
            {
                var id = 10 + random.NextInt(30);
                ids[t] = id;
            }
            if (label == 1) ids[1 + random.NextInt(length - 1)] = 7;
            list.Add(new TokenizedExample(ids, Enumerable.Repeat(1, length).ToArray(), label));
        }
        return list;
    }
}
