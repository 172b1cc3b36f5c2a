namespace Governance.Learning.Tokenization;

/// <summary>
/// A tokenizer file (vocab.txt, tokenizer.json) that cannot be used: bad JSON, a missing model or
/// vocabulary, duplicate tokens, an unknown model type, merges naming unknown tokens. The message
/// names the file and the problem.
/// </summary>
public sealed class TokenizerFormatException : FormatException
{
    /// <summary>Creates the exception for <paramref name="source"/> (a file path or a description).</summary>
    public TokenizerFormatException(string source, string problem, Exception? inner = null)
        : base($"{source}: {problem}", inner)
    {
        Source = source;
        Problem = problem;
    }

    /// <summary>Creates the exception with a plain message.</summary>
    public TokenizerFormatException() : this("tokenizer", "malformed tokenizer file") { }

    /// <summary>Creates the exception with a plain message.</summary>
    public TokenizerFormatException(string message) : this("tokenizer", message) { }

    /// <summary>Creates the exception with a plain message and inner exception.</summary>
    public TokenizerFormatException(string message, Exception inner) : this("tokenizer", message, inner) { }

    /// <summary>The file (or in-memory description) that was being read.</summary>
    public new string Source { get; }

    /// <summary>What is wrong with it.</summary>
    public string Problem { get; }
}
