#!/usr/bin/env python3
"""Converts CLINC150 (Larson et al., 2019; the clinc/oos-eval JSON, e.g.
data_full.json) into a folder `junction bench route-quality --set DIR` and
`junction fit`/`eval` read:

  router.yaml  150 routes, each with the first --references (10) training
               queries of its intent as references (RedisVL router format)
  fit.jsonl    the validation split: val + oos_val (3,100 lines, 3.2% out of scope)
  test.jsonl   the test split: test + oos_test (5,500 lines, 18.2% out of scope)

Out-of-scope queries get "label": null. Usage:

    .venv/bin/python scripts/bench/clinc_to_junction.py data_full.json OUT_DIR
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import yaml


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", type=Path, help="CLINC150 JSON (keys train, val, test, oos_val, oos_test)")
    parser.add_argument("out", type=Path, help="folder to write router.yaml, fit.jsonl, test.jsonl into")
    parser.add_argument("--references", type=int, default=10, help="references per route (default 10)")
    args = parser.parse_args()
    data = json.loads(args.source.read_text())
    missing = {"train", "val", "test", "oos_val", "oos_test"} - data.keys()
    if missing:
        print(f"error: {args.source} lacks {sorted(missing)}: not a CLINC150 file", file=sys.stderr)
        return 1
    references: dict[str, list[str]] = {}
    for text, intent in data["train"]:
        chosen = references.setdefault(intent, [])
        if len(chosen) < args.references and text not in chosen:
            chosen.append(text)
    router = {
        "name": "clinc150",
        "routes": [
            {"name": intent, "references": texts, "metadata": {}, "distance_threshold": 0.5}
            for intent, texts in references.items()
        ],
        "vectorizer": {"type": "hf", "model": "sentence-transformers/all-MiniLM-L6-v2"},
        "routing_config": {"max_k": 1, "aggregation_method": "avg"},
    }
    args.out.mkdir(parents=True, exist_ok=True)
    with (args.out / "router.yaml").open("w") as f:
        yaml.dump(router, f, sort_keys=False, allow_unicode=True, width=1000)
    for name, in_scope, out_of_scope in (("fit.jsonl", "val", "oos_val"), ("test.jsonl", "test", "oos_test")):
        with (args.out / name).open("w") as f:
            for text, intent in data[in_scope]:
                f.write(json.dumps({"text": text, "label": intent}, ensure_ascii=False) + "\n")
            for text, _ in data[out_of_scope]:
                f.write(json.dumps({"text": text, "label": None}, ensure_ascii=False) + "\n")
    print(f"{args.out}: {len(references)} routes x {args.references} references, "
          f"fit {len(data['val']) + len(data['oos_val'])}, test {len(data['test']) + len(data['oos_test'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
