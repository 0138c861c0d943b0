"""The pipeline on a pool of worker processes gives the records one process gives, in order,
with bad inputs reported in their place."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from newsgraph.cli import main
from newsgraph.ingest import InputError, read_inputs
from newsgraph.pipeline import Pipeline
from newsgraph.scale import ProcessPoolPipeline
from newsgraph.store import ArticleStore


def test_process_pool_gives_the_records_of_one_process(samples: Path, shared: Path, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    paths = [
        str(samples),
        str(empty),
        str(shared / "data/articles/seed/us-mexico-fentanyl-labs.txt"),
    ]
    alone = list(Pipeline(batch_size=4).run(read_inputs(paths)))
    pooled = list(ProcessPoolPipeline(Pipeline(batch_size=4), workers=2).run(read_inputs(paths)))
    assert len(pooled) == len(alone) >= 12
    for one, other in zip(alone, pooled, strict=True):
        if isinstance(one, InputError):
            assert isinstance(other, InputError) and str(other) == str(one)
        else:
            assert other.model_dump() == one.model_dump()
    assert sum(isinstance(result, InputError) for result in pooled) == 1
    assert any(result.events for result in pooled if not isinstance(result, InputError))


def test_ingest_with_two_workers(samples: Path, tmp_path: Path):
    db = tmp_path / "pool.db"
    result = CliRunner().invoke(
        main, ["ingest", str(samples), "--workers", "2", "--no-language", "--db", str(db)]
    )
    assert result.exit_code == 0, result.output
    assert "stored 12" in result.output
    with ArticleStore.open_readonly(db) as store:
        assert store.count() == 12
