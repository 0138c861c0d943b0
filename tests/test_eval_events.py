"""The event scorer on the PLOVER dev sentences: what a perfect, an empty and a confused coder get."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.eval.events import CodedEvent, dyads, read_gold_events, score_events


@pytest.fixture(scope="module")
def gold(shared: Path):
    return read_gold_events(shared / "data/events/plover-gsr-dev.jsonl")


def test_gold_file_reads_whole(gold):
    assert len(gold) == 179
    first = gold[0]
    assert first.event == CodedEvent("AGREE", ("USA", "JOR"), ())
    assert all(sentence.event.type for sentence in gold)


def test_perfect_coder_scores_one_and_empty_coder_zero(gold):
    perfect = score_events(gold, [[sentence.event] for sentence in gold])
    assert perfect.types.f1 == perfect.macro_f1 == perfect.dyads.f1 == 1.0
    empty = score_events(gold, [[] for _ in gold])
    assert empty.types.f1 == empty.dyads.f1 == 0.0
    assert empty.empty_sentences == len(gold)


def test_symmetric_types_ignore_direction_and_others_do_not():
    assert dyads(CodedEvent("CONSULT", ("MEX",), ("USA",))) == dyads(
        CodedEvent("CONSULT", ("USA",), ("MEX",))
    )
    assert dyads(CodedEvent("THREATEN", ("MEX",), ("USA",))) != dyads(
        CodedEvent("THREATEN", ("USA",), ("MEX",))
    )
    assert dyads(CodedEvent("AGREE", ("USA", "JOR"), ())) == {
        ("AGREE", None, "USA"),
        ("AGREE", None, "JOR"),
    }


def test_a_wrong_type_costs_precision_and_recall(gold):
    shifted = [
        [CodedEvent("ASSAULT", sentence.event.actors, sentence.event.recipients)]
        for sentence in gold
    ]
    score = score_events(gold, shifted)
    assaults = sum(sentence.event.type == "ASSAULT" for sentence in gold)
    assert score.types.true_positives == assaults
    assert score.types.precision == pytest.approx(assaults / len(gold))
    assert score.per_type["ASSAULT"].recall == 1.0
    assert score.per_type["AGREE"].f1 == 0.0
