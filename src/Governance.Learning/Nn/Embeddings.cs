using Governance.Learning.Autograd;
using Governance.Learning.Tensors;

namespace Governance.Learning.Nn;

/// <summary>Word + position + segment embeddings, layer norm, dropout (BERT).</summary>
public sealed class Embeddings : Module
{
    private readonly EncoderConfig _config;

    /// <summary>Creates the tables with N(0, initializer_range).</summary>
    public Embeddings(EncoderConfig config, RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(config);
        _config = config;
        var std = config.InitializerRange;
        Word = Init.Normal(random, std, config.VocabSize, config.HiddenSize);
        Position = Init.Normal(random, std, config.MaxPositions, config.HiddenSize);
        TokenType = Init.Normal(random, std, config.TypeVocabSize, config.HiddenSize);
        Norm = new LayerNorm(config.HiddenSize, config.LayerNormEps);
    }

    /// <summary>Word table (V, d); the masked-LM decoder shares it.</summary>
    public Tensor Word { get; }

    /// <summary>Position table (max length, d).</summary>
    public Tensor Position { get; }

    /// <summary>Segment table (types, d).</summary>
    public Tensor TokenType { get; }

    /// <summary>Embedding layer norm.</summary>
    public LayerNorm Norm { get; }

    /// <summary>ids (B*T) to (B*T, d).</summary>
    public Tensor Forward(int[] ids, int batch, int seqLen, bool training, RandomSource random)
    {
        var words = Ops.Embedding(Word, ids);
        var positions = new int[seqLen];
        for (var t = 0; t < seqLen; t++) positions[t] = t;
        var pos = Ops.Embedding(Position, positions);                    // (T, d), broadcast over batch
        var type = Ops.Embedding(TokenType, [0]);                        // (1, d)
        var sum = Ops.Reshape(Ops.Add(Ops.Reshape(words, batch, seqLen, _config.HiddenSize), pos), batch * seqLen, _config.HiddenSize);
        sum = Ops.Add(sum, type);
        var normed = _config.PreLayerNorm ? sum : Norm.Forward(sum);
        return training ? Ops.Dropout(normed, _config.HiddenDropout, random) : normed;
    }

    /// <inheritdoc />
    public override IEnumerable<NamedParameter> Parameters(string prefix)
    {
        yield return new NamedParameter(Join(prefix, "word_embeddings.weight"), Word, true);
        yield return new NamedParameter(Join(prefix, "position_embeddings.weight"), Position, true);
        yield return new NamedParameter(Join(prefix, "token_type_embeddings.weight"), TokenType, true);
        foreach (var p in Norm.Parameters(Join(prefix, "LayerNorm"))) yield return p;
    }
}
