#!/usr/bin/python3
"""Writes the tokenizer fixtures and their expected ids.

Python `tokenizers`/`transformers` are not installed on the build machine, so the expected ids come
from the small reference implementations below, written from the documented algorithms (BERT's
BasicTokenizer + WordPiece greedy longest-match-first; GPT-2's byte-to-unicode table, its
pre-tokenizer regex and rank-ordered BPE merges). Python's `re` has no \\p{L}; the letter class is
written as [^\\W\\d_], which equals \\p{L} for the texts used here (ASCII, Latin-1 letters, CJK, emoji).
Run: /usr/bin/python3 make_fixtures.py   (from this folder)
"""
import json
import re
import unicodedata

# ---------------------------------------------------------------- BERT / WordPiece
SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
WORDS = ["the", "quick", "brown", "fox", "un", "##aff", "##able", "hello", "world", "cafe", "free",
         "money", "click", "here", "re", ":", "!", ",", ".", "'", "$", "##ing", "##ed", "jump",
         "你", "好", "over", "lazy", "dog", "100", "##0"]
LETTERS = [chr(c) for c in range(ord("a"), ord("z") + 1)]
BERT_VOCAB = SPECIALS + WORDS + LETTERS + ["##" + c for c in LETTERS]


def is_control(ch):
    if ch in "\t\n\r":
        return False
    return unicodedata.category(ch) in ("Cc", "Cf")


def is_whitespace(ch):
    return ch in " \t\n\r" or unicodedata.category(ch) == "Zs"


def is_punct(ch):
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def is_cjk(cp):
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF
            or 0x2A700 <= cp <= 0x2B73F or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF
            or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)


def bert_words(text):
    out = []
    for ch in text:
        if ord(ch) in (0, 0xFFFD) or is_control(ch):
            continue
        if is_whitespace(ch):
            out.append(" ")
        elif is_cjk(ord(ch)):
            out.append(" " + ch + " ")
        else:
            out.append(ch)
    text = "".join(out)
    text = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
    text = text.lower()
    words = []
    for token in text.split():
        current = ""
        for ch in token:
            if is_punct(ch):
                if current:
                    words.append(current)
                words.append(ch)
                current = ""
            else:
                current += ch
        if current:
            words.append(current)
    return words


def wordpiece(word, vocab, max_chars=100):
    if len(word) > max_chars:
        return ["[UNK]"]
    pieces, start = [], 0
    while start < len(word):
        end, found = len(word), None
        while end > start:
            piece = word[start:end] if start == 0 else "##" + word[start:end]
            if piece in vocab:
                found = piece
                break
            end -= 1
        if found is None:
            return ["[UNK]"]
        pieces.append(found)
        start = end
    return pieces


def bert_encode(text):
    vocab = {t: i for i, t in enumerate(BERT_VOCAB)}
    tokens = ["[CLS]"]
    # Special tokens written in the text are matched before normalization.
    for part in re.split(r"(\[MASK\]|\[SEP\]|\[CLS\]|\[PAD\]|\[UNK\])", text):
        if part in SPECIALS:
            tokens.append(part)
        else:
            for w in bert_words(part):
                tokens.extend(wordpiece(w, vocab))
    tokens.append("[SEP]")
    return tokens, [vocab[t] for t in tokens]


BERT_TEXTS = [
    "The quick brown fox jumped over the lazy dog.",
    "UnAffable!",
    "Hello, World! Café re: FREE money $100",
    "click here [MASK] foxes",
    "你好 world",
    "xyz",
    "  tabs\tand\nnew\r\nlines\u00a0nbsp ",
    "zero\u200bwidth and control\u0007char",
]

# ---------------------------------------------------------------- GPT-2 byte-level BPE


def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, map(chr, cs)))


B2U = bytes_to_unicode()
GPT2_SPLIT = re.compile(r"""'s|'t|'re|'ve|'m|'ll|'d| ?[^\W\d_]+| ?\d+| ?(?:[^\s\w]|_)+|\s+(?!\S)|\s+""")
MERGES = [("Ġ", "t"), ("h", "e"), ("Ġt", "he"), ("Ġ", "w"), ("o", "r"), ("Ġw", "or"), ("l", "d"),
          ("Ġwor", "ld"), ("l", "l"), ("e", "ll"), ("H", "ell"), ("Hell", "o"), ("i", "n"), ("in", "g"),
          ("Ġ", "a"), ("Ġa", "n"), ("Ġan", "d"), ("'", "s"), ("Ċ", "Ċ"), ("Ġ", "Ġ"), ("ĠĠ", "ĠĠ"),
          ("Ã", "©"), ("c", "af"), ("a", "f"), ("Ġ", "c"), ("Ġc", "afÃ©"), ("af", "Ã©"), ("1", "0"), ("10", "0")]
GPT2_VOCAB = [B2U[b] for b in sorted(B2U, key=lambda b: ord(B2U[b]))]


def merged_vocab():
    vocab = list(GPT2_VOCAB)
    for a, b in MERGES:
        if a + b not in vocab:
            vocab.append(a + b)
    vocab.append("<|endoftext|>")
    return vocab


def bpe(symbols, ranks):
    symbols = list(symbols)
    while len(symbols) > 1:
        pairs = [(ranks.get((symbols[i], symbols[i + 1]), 1 << 30), i) for i in range(len(symbols) - 1)]
        rank, _ = min(pairs)
        if rank == 1 << 30:
            break
        a, b = MERGES[rank]
        out, i = [], 0
        while i < len(symbols):
            if i + 1 < len(symbols) and symbols[i] == a and symbols[i + 1] == b:
                out.append(a + b)
                i += 2
            else:
                out.append(symbols[i])
                i += 1
        symbols = out
    return symbols


def gpt2_encode(text):
    vocab = {t: i for i, t in enumerate(merged_vocab())}
    ranks = {m: r for r, m in enumerate(MERGES)}
    tokens = []
    for part in re.split(r"(<\|endoftext\|>)", text):
        if part == "<|endoftext|>":
            tokens.append(part)
            continue
        for piece in GPT2_SPLIT.findall(part):
            tokens.extend(bpe([B2U[b] for b in piece.encode("utf-8")], ranks))
    return tokens, [vocab[t] for t in tokens]


GPT2_TEXTS = [
    "Hello world",
    "the world's thing and the café",
    "Hello  world\n\nand    100 apples!?",
    "emoji 😀 ok<|endoftext|>Hello",
    "x__y   \t tail   ",
    "it'll 've 're 'd 'm 't",
]


def write_bert():
    with open("bert-tiny/vocab.txt", "w", encoding="utf-8") as f:
        f.write("".join(t + "\n" for t in BERT_VOCAB))
    ids = {t: i for i, t in enumerate(BERT_VOCAB)}
    doc = {
        "version": "1.0", "truncation": None, "padding": None,
        "added_tokens": [{"id": ids[t], "content": t, "single_word": False, "lstrip": False, "rstrip": False,
                          "normalized": False, "special": True} for t in SPECIALS],
        "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True,
                       "strip_accents": None, "lowercase": True},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {"type": "TemplateProcessing",
                           "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                                      {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
                           "pair": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                                    {"SpecialToken": {"id": "[SEP]", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}},
                                    {"SpecialToken": {"id": "[SEP]", "type_id": 1}}],
                           "special_tokens": {t: {"id": t, "ids": [ids[t]], "tokens": [t]} for t in ("[CLS]", "[SEP]")}},
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                  "max_input_chars_per_word": 100, "vocab": ids},
    }
    with open("bert-tiny/tokenizer.json", "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=2)
    cases = []
    for text in BERT_TEXTS:
        tokens, token_ids = bert_encode(text)
        cases.append({"text": text, "tokens": tokens, "ids": token_ids})
    with open("bert-tiny/expected.json", "w", encoding="utf-8") as f:
        json.dump(cases, f, ensure_ascii=False, indent=1)


def write_gpt2():
    vocab = merged_vocab()
    ids = {t: i for i, t in enumerate(vocab)}
    doc = {
        "version": "1.0", "truncation": None, "padding": None,
        "added_tokens": [{"id": ids["<|endoftext|>"], "content": "<|endoftext|>", "single_word": False, "lstrip": False,
                          "rstrip": False, "normalized": True, "special": True}],
        "normalizer": None,
        "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True},
        "post_processor": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": False, "use_regex": True},
        "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True},
        "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": "",
                  "end_of_word_suffix": "", "fuse_unk": False, "byte_fallback": False,
                  "vocab": {t: i for t, i in ids.items() if t != "<|endoftext|>"},
                  "merges": [a + " " + b for a, b in MERGES]},
    }
    with open("gpt2-tiny/tokenizer.json", "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=2)
    cases = []
    for text in GPT2_TEXTS:
        tokens, token_ids = gpt2_encode(text)
        cases.append({"text": text, "tokens": tokens, "ids": token_ids})
    with open("gpt2-tiny/expected.json", "w", encoding="utf-8") as f:
        json.dump(cases, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    import os
    os.makedirs("bert-tiny", exist_ok=True)
    os.makedirs("gpt2-tiny", exist_ok=True)
    write_bert()
    write_gpt2()
