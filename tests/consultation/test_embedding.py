"""The NumPy MiniLM forward pass and the static table distilled from it."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import numpy as np
import pytest
from safetensors.numpy import save_file

from digiready.consultation import embedding
from digiready.consultation.embedding import MODEL_DIR, StaticEncoder, contextual_embed

ROOT = Path(__file__).resolve().parents[2]
CACHE_DIR = Path(os.environ.get("DIGIREADY_VAR_DIR", str(ROOT / "var"))) / "models"

PASSWORDS = "I keep forgetting my passwords and getting locked out of the system"
MISSPELT = [
    "I keep forgetting my paswords and getting locked out of the system",
    "I keep forgeting my passwords and getting locked out of the sytem",
    "i keep forgetting my passwrods and getting lockd out of the system",
]


@pytest.fixture(scope="session")
def static_encoder() -> StaticEncoder:
    """Built once (about half a minute) and then loaded from the cache by every later run."""
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    return StaticEncoder.load(CACHE_DIR)


def cosine(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


# The full model ----------------------------------------------------------------------------


def test_numpy_minilm_gives_the_published_similarities() -> None:
    # The similarities the sentence-transformers documentation prints for all-MiniLM-L6-v2.
    rows = contextual_embed(
        [
            "The cat sits outside",
            "The dog plays in the garden",
            "A man is playing guitar",
            "A woman watches TV",
            "The new movie is awesome",
            "The new movie is so great",
        ]
    )
    assert float(rows[0] @ rows[1]) == pytest.approx(0.2838, abs=2e-3)
    assert float(rows[2] @ rows[3]) == pytest.approx(-0.0327, abs=2e-3)
    assert float(rows[4] @ rows[5]) == pytest.approx(0.8939, abs=2e-3)


def test_numpy_minilm_puts_paraphrases_together() -> None:
    cat, paraphrase, movie = contextual_embed(
        ["The cat sits outside", "A cat is sitting outside", "The new movie is awesome"]
    )
    assert float(cat @ paraphrase) > 0.9
    assert float(cat @ movie) < 0.1
    assert np.linalg.norm([cat, paraphrase, movie], axis=1) == pytest.approx(1.0, abs=1e-5)


def test_numpy_minilm_ignores_padding() -> None:
    alone = contextual_embed(["Wi-Fi drops out on the ward"])
    padded = contextual_embed(["Wi-Fi drops out on the ward", "a much longer text " * 10])[0]
    assert alone[0] == pytest.approx(padded, abs=1e-5)


# The static encoder ------------------------------------------------------------------------


def test_rows_are_unit_length_float32(static_encoder: StaticEncoder) -> None:
    rows = static_encoder.encode(["Not enough computers on the ward", "wifi is awful", "x"])
    assert rows.dtype == np.float32
    assert rows.shape == (3, static_encoder.dimensions) == (3, 256)
    assert np.linalg.norm(rows, axis=1) == pytest.approx(1.0, abs=1e-5)


def test_a_text_without_words_gives_a_zero_row(static_encoder: StaticEncoder) -> None:
    rows = static_encoder.encode(["", "   \n", "😀😀", "The wifi"])
    assert not rows[:3].any()
    assert np.linalg.norm(rows[3]) == pytest.approx(1.0, abs=1e-5)
    assert static_encoder.encode([]).shape == (0, 256)


def test_a_text_of_only_common_words_still_embeds(static_encoder: StaticEncoder) -> None:
    assert np.linalg.norm(static_encoder.encode(["it is what it is"])[0]) == pytest.approx(1.0)


def test_encoding_is_deterministic(static_encoder: StaticEncoder) -> None:
    texts = [PASSWORDS, *MISSPELT, "", "Video clinics save patients travel", "data skills"] * 3
    first = static_encoder.encode(texts)
    assert np.array_equal(first, static_encoder.encode(texts))
    assert np.array_equal(first, static_encoder.encode(texts, batch_size=2))
    assert np.array_equal(first, StaticEncoder(static_encoder.table).encode(texts))


def test_long_texts_are_cut_at_128_tokens(static_encoder: StaticEncoder) -> None:
    start = "Smartcards fail every day on the ward. "
    long = start * 40
    assert np.array_equal(
        static_encoder.encode([long]), static_encoder.encode([long + " AI worries"])
    )


def test_misspelt_text_stays_close(static_encoder: StaticEncoder) -> None:
    # A misspelt word keeps most of its sub-word pieces, so the text moves only a little.
    right, *wrong = static_encoder.encode([PASSWORDS, *MISSPELT])
    other_topic, same_topic = static_encoder.encode(
        [
            "We need protected time for training on the rota",
            "My smartcard stopped working and I could not log in",
        ]
    )
    for row in wrong:
        assert float(right @ row) > 0.75
        assert float(right @ row) > float(right @ same_topic) + 0.3
    assert float(right @ same_topic) > float(right @ other_topic)


def test_static_neighbours_make_sense(static_encoder: StaticEncoder) -> None:
    related = {
        "laptop": "computer",
        "nurse": "nursing",
        "password": "login",
        "wifi": "internet",
        "manager": "leadership",
        "spreadsheet": "excel",
    }
    unrelated = ["banana", "football", "holiday", "guitar"]
    words = [*related, *related.values(), *unrelated]
    rows = dict(zip(words, static_encoder.encode(words), strict=True))
    for word, partner in related.items():
        nearest = max([partner, *unrelated], key=lambda other: cosine(rows[word], rows[other]))
        assert nearest == partner, word
    assert cosine(rows["laptop"], rows["computer"]) > cosine(rows["laptop"], rows["banana"]) + 0.2
    cat, paraphrase, movie = static_encoder.encode(
        ["The cat sits outside", "A cat is sitting outside", "The new movie is awesome"]
    )
    assert float(cat @ paraphrase) > float(cat @ movie) + 0.3


def test_the_cache_is_reused(static_encoder: StaticEncoder) -> None:
    path = static_encoder.path
    assert path is not None and path.exists()
    assert path.parent == CACHE_DIR and path.name.startswith("minilm-static-")
    modified = path.stat().st_mtime_ns
    start = time.perf_counter()
    again = StaticEncoder.load(CACHE_DIR)
    assert time.perf_counter() - start < 1.0
    assert again.path == path
    assert path.stat().st_mtime_ns == modified
    assert np.array_equal(again.table, static_encoder.table)


def test_the_cache_records_the_model_it_came_from(static_encoder: StaticEncoder) -> None:
    assert static_encoder.path is not None
    with np.load(static_encoder.path) as data:
        assert str(data["model_sha256"]) == embedding.model_sha256(MODEL_DIR)
        assert data["table"].shape == (30522, 256)
        assert data["table"].dtype == np.float32


# Distillation, on a miniature model so that it takes a moment ------------------------------


def tiny_model(folder: Path, seed: int) -> Path:
    """A one-layer BERT with 8 hidden units and MiniLM's real tokenizer."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(MODEL_DIR / "tokenizer.json", folder / "tokenizer.json")
    config = json.loads((MODEL_DIR / "config.json").read_text())
    config.update(hidden_size=8, num_attention_heads=2, num_hidden_layers=1, intermediate_size=16)
    (folder / "config.json").write_text(json.dumps(config))
    rng = np.random.default_rng(seed)

    def weights(*shape: int) -> np.ndarray:
        return rng.normal(0, 0.5, shape).astype(np.float32)

    tensors = {
        "embeddings.word_embeddings.weight": weights(30522, 8),
        "embeddings.position_embeddings.weight": weights(512, 8),
        "embeddings.token_type_embeddings.weight": weights(2, 8),
        "embeddings.LayerNorm.weight": np.ones(8, np.float32),
        "embeddings.LayerNorm.bias": np.zeros(8, np.float32),
    }
    p = "encoder.layer.0"
    for name in ("query", "key", "value"):
        tensors[f"{p}.attention.self.{name}.weight"] = weights(8, 8)
        tensors[f"{p}.attention.self.{name}.bias"] = weights(8)
    tensors[f"{p}.attention.output.dense.weight"] = weights(8, 8)
    tensors[f"{p}.attention.output.dense.bias"] = weights(8)
    tensors[f"{p}.intermediate.dense.weight"] = weights(16, 8)
    tensors[f"{p}.intermediate.dense.bias"] = weights(16)
    tensors[f"{p}.output.dense.weight"] = weights(8, 16)
    tensors[f"{p}.output.dense.bias"] = weights(8)
    for norm in ("attention.output.LayerNorm", "output.LayerNorm"):
        tensors[f"{p}.{norm}.weight"] = np.ones(8, np.float32)
        tensors[f"{p}.{norm}.bias"] = np.zeros(8, np.float32)
    save_file(tensors, str(folder / "model.safetensors"))
    return folder


def test_distillation_is_repeatable_and_reports_progress(tmp_path: Path) -> None:
    model = tiny_model(tmp_path / "model", seed=1)
    steps: list[tuple[float, str]] = []
    table, tokens = embedding.distil(model, dims=4, progress=lambda f, m: steps.append((f, m)))
    again, _ = embedding.distil(model, dims=4)
    assert table.shape == (30522, 4) and table.dtype == np.float32
    assert np.array_equal(table, again)
    assert tokens[101] == "[CLS]" and not table[[0, 100, 101, 102, 103, 1]].any()
    fractions = [f for f, _ in steps]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert all(message for _, message in steps)


def test_a_changed_model_is_distilled_again(tmp_path: Path) -> None:
    model = tiny_model(tmp_path / "model", seed=1)
    cache = tmp_path / "cache"
    first = StaticEncoder.load(cache, model_dir=model, dims=4)
    assert first.path is not None and first.path.exists()
    assert StaticEncoder.load(cache, model_dir=model, dims=4).path == first.path
    tiny_model(tmp_path / "model", seed=2)  # new weights in the same place
    second = StaticEncoder.load(cache, model_dir=model, dims=4)
    assert second.path is not None and second.path != first.path
    assert not np.array_equal(first.table, second.table)
    assert sorted(p.name for p in cache.iterdir()) == sorted([first.path.name, second.path.name])


def test_a_damaged_cache_file_is_rebuilt(tmp_path: Path) -> None:
    model = tiny_model(tmp_path / "model", seed=3)
    cache = tmp_path / "cache"
    built = StaticEncoder.load(cache, model_dir=model, dims=4)
    assert built.path is not None
    built.path.write_bytes(b"not a table")
    rebuilt = StaticEncoder.load(cache, model_dir=model, dims=4)
    assert np.array_equal(rebuilt.table, built.table)
