"""A stand-in for the `sentence_transformers` package that RedisVL's HFTextVectorizer imports.

RedisVL's HFTextVectorizer() runs `SentenceTransformer("sentence-transformers/all-mpnet-base-v2")` and
calls its `encode`. The real package needs torch, which the test set-up does not install. This class
answers `encode` with what the real sentence-transformers 6.2.0 (torch 2.13.0+cpu) computed for the very
same texts on the installed model files, recorded once in Tests/interop/fixtures/mpnet_vectors.json by
scripts/fixtures/make_mpnet_reference.py. Everything else, RedisVL's vectorizer, router and Redis
commands, is the real RedisVL. A text that is not in the recording fails loudly: nothing is made up.

The fixture names the SHA-256 of the model.safetensors it was computed with; the installed model
(scripts/setup, .venv/models/all-mpnet-base-v2) must be that one.
"""
import json
from pathlib import Path

import numpy

ROOT = Path(__file__).resolve().parents[4]
FIXTURE = ROOT / "Tests" / "interop" / "fixtures" / "mpnet_vectors.json"
INSTALLED = ROOT / ".venv" / "models" / "all-mpnet-base-v2"

_recorded = None
calls = []


def recorded():
    global _recorded
    if _recorded is None:
        _recorded = json.loads(FIXTURE.read_text())
    return _recorded


class SentenceTransformer:
    """`SentenceTransformer(model)` for the one model recorded; `encode(texts)` as sentence-transformers."""

    def __init__(self, model_name_or_path, **kwargs):
        data = recorded()
        if model_name_or_path != data["model"]:
            raise ValueError(f"the stand-in only knows {data['model']}, not {model_name_or_path}")
        stamp = (INSTALLED / ".junction-sha256").read_text().strip()
        if stamp != data["model_safetensors_sha256"]:
            raise ValueError(f"{INSTALLED} is not the model the fixture was computed with: run scripts/setup")
        self.model = model_name_or_path

    def encode(self, sentences, show_progress_bar=False, **kwargs):
        single = isinstance(sentences, str)
        texts = [sentences] if single else list(sentences)
        vectors = recorded()["vectors"]
        missing = [t for t in texts if t not in vectors]
        if missing:
            raise KeyError(f"no recorded all-mpnet-base-v2 embedding for {missing[:3]}: "
                           "add the texts and rerun scripts/fixtures/make_mpnet_reference.py")
        calls.append(list(texts))
        array = numpy.array([vectors[t] for t in texts], dtype=numpy.float32)
        return array[0] if single else array
