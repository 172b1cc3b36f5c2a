using System.Text.Json.Serialization;

namespace Governance.Learning.Nn;

/// <summary>
/// Shape of a BERT-style encoder. JSON names follow Hugging Face's config.json so a BERT config loads as is.
/// </summary>
public sealed record EncoderConfig
{
    /// <summary>Token vocabulary size.</summary>
    [JsonPropertyName("vocab_size")] public int VocabSize { get; init; } = 8192;

    /// <summary>Model width d.</summary>
    [JsonPropertyName("hidden_size")] public int HiddenSize { get; init; } = 256;

    /// <summary>Number of encoder layers.</summary>
    [JsonPropertyName("num_hidden_layers")] public int NumLayers { get; init; } = 4;

    /// <summary>Attention heads; must divide <see cref="HiddenSize"/>.</summary>
    [JsonPropertyName("num_attention_heads")] public int NumHeads { get; init; } = 4;

    /// <summary>Feed-forward width.</summary>
    [JsonPropertyName("intermediate_size")] public int IntermediateSize { get; init; } = 1024;

    /// <summary>Longest sequence (position embeddings).</summary>
    [JsonPropertyName("max_position_embeddings")] public int MaxPositions { get; init; } = 128;

    /// <summary>Segment vocabulary (BERT: 2). Only segment 0 is used by the trainer.</summary>
    [JsonPropertyName("type_vocab_size")] public int TypeVocabSize { get; init; } = 2;

    /// <summary>Dropout after embeddings, attention output and feed-forward.</summary>
    [JsonPropertyName("hidden_dropout_prob")] public float HiddenDropout { get; init; } = 0.1f;

    /// <summary>Dropout on attention probabilities.</summary>
    [JsonPropertyName("attention_probs_dropout_prob")] public float AttentionDropout { get; init; } = 0.1f;

    /// <summary>Layer-norm epsilon (BERT: 1e-12).</summary>
    [JsonPropertyName("layer_norm_eps")] public float LayerNormEps { get; init; } = 1e-12f;

    /// <summary>Std of the normal initialiser.</summary>
    [JsonPropertyName("initializer_range")] public float InitializerRange { get; init; } = 0.02f;

    /// <summary>Padding token id.</summary>
    [JsonPropertyName("pad_token_id")] public int PadTokenId { get; init; }

    /// <summary>False: BERT's post-LN; true: pre-LN blocks with a final layer norm.</summary>
    [JsonPropertyName("pre_layer_norm")] public bool PreLayerNorm { get; init; }

    /// <summary>Number of classes of the classification head (Hugging Face keeps labels in id2label; we keep the count).</summary>
    [JsonPropertyName("num_labels")] public int NumLabels { get; init; } = 2;

    /// <summary>Width of one head.</summary>
    [JsonIgnore] public int HeadSize => HiddenSize / NumHeads;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first setting that cannot work.</summary>
    public void Validate()
    {
        Require(VocabSize > 0, nameof(VocabSize), $"vocab_size must be positive, got {VocabSize}.");
        Require(HiddenSize > 0, nameof(HiddenSize), $"hidden_size must be positive, got {HiddenSize}.");
        Require(NumLayers >= 0, nameof(NumLayers), $"num_hidden_layers cannot be negative, got {NumLayers}.");
        Require(NumHeads > 0, nameof(NumHeads), $"num_attention_heads must be positive, got {NumHeads}.");
        Require(HiddenSize % Math.Max(1, NumHeads) == 0, nameof(NumHeads), $"num_attention_heads ({NumHeads}) must divide hidden_size ({HiddenSize}).");
        Require(IntermediateSize > 0, nameof(IntermediateSize), $"intermediate_size must be positive, got {IntermediateSize}.");
        Require(MaxPositions > 0, nameof(MaxPositions), $"max_position_embeddings must be positive, got {MaxPositions}.");
        Require(TypeVocabSize > 0, nameof(TypeVocabSize), $"type_vocab_size must be positive, got {TypeVocabSize}.");
        Require(HiddenDropout is >= 0 and < 1, nameof(HiddenDropout), $"hidden_dropout_prob must be in [0, 1), got {HiddenDropout}.");
        Require(AttentionDropout is >= 0 and < 1, nameof(AttentionDropout), $"attention_probs_dropout_prob must be in [0, 1), got {AttentionDropout}.");
        Require(LayerNormEps > 0, nameof(LayerNormEps), $"layer_norm_eps must be positive, got {LayerNormEps}.");
        Require(PadTokenId >= 0 && PadTokenId < VocabSize, nameof(PadTokenId), $"pad_token_id {PadTokenId} is outside the vocabulary of {VocabSize}.");
        Require(NumLabels >= 1, nameof(NumLabels), $"num_labels must be at least 1, got {NumLabels}.");
    }

    private static void Require(bool ok, string parameter, string message)
    {
        if (!ok) throw new ArgumentException(message, parameter);
    }
}
