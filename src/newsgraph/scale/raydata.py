"""The Ray engine: the batch function on Ray Data, on a local Ray instance or a cluster.

Read tasks (one per input path) read the inputs into batches of input rows
(:meth:`newsgraph.scale.sources.Source.batches`, as the local engine does); ``map_batches`` runs
:class:`PipelineActor` on a fixed pool of actors that each load the models once; the driver
collects the result rows and writes the part files. Each actor asks for a fraction of a CPU and
each read task for a tenth, so a pool with one actor per CPU still leaves room for the reads:
with whole CPUs the actors take every slot and the read tasks never start (Ray issue 44687).

A local instance (no ``--address``) keeps its session files, logs and token-auth file inside
the run's directory, under ``ray/``. Needs the ``ray`` extra: ``pip install -e '.[ray]'``.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import shutil
import tempfile
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import ClassVar

import pyarrow as pa
import ray
import ray.data
from ray.data import Datasource, ReadTask
from ray.data.block import BlockMetadata

from ..ingest import DEFAULT_MAX_BYTES
from ..pipeline import Pipeline
from .batch import process_batch
from .sources import Source
from .worker import warm_up

ACTOR_CPUS = 0.9
READ_CPUS = 0.1
# Ray puts its sockets under the session directory inside its temp dir, and a Unix socket path
# may not exceed 107 bytes: a run directory deep in a file system would break it. Ray is given
# a short link under /tmp (not TMPDIR, which can be long, as on macOS) to the run's ray/ folder.
_SHORT_TEMP_ROOT = "/tmp"
_RAY_ENVIRONMENT = ("RAY_USAGE_STATS_ENABLED", "RAY_AUTH_MODE", "RAY_AUTH_TOKEN_PATH")


class InputDatasource(Datasource):
    """The run's sources as a Ray Data source: one read task per input path."""

    def __init__(self, sources: list[Source], batch_size: int, max_bytes: int) -> None:
        self._sources = sources
        self._batch_size = batch_size
        self._max_bytes = max_bytes

    def estimate_inmemory_data_size(self) -> int | None:
        return None

    def get_read_tasks(self, parallelism: int, **options) -> list[ReadTask]:
        return [self._read_task(source) for source in self._sources]

    def _read_task(self, source: Source) -> ReadTask:
        batch_size, max_bytes = self._batch_size, self._max_bytes
        metadata = BlockMetadata(
            num_rows=None, size_bytes=None, exec_stats=None, input_files=(source.path,)
        )
        return ReadTask(lambda: source.batches(batch_size, max_bytes), metadata)


class PipelineActor:
    """A Ray actor holding the pipeline, its models loaded once when the actor starts."""

    def __init__(self, pipeline: Pipeline) -> None:
        warm_up(pipeline)
        self._pipeline = pipeline

    def __call__(self, batch: pa.Table) -> pa.Table:
        return process_batch(batch, self._pipeline)


@cache
def _process_token() -> str:
    """The token of the local Ray instances this process starts: one for all of them, as Ray
    caches the token it first reads for the life of the process."""
    return secrets.token_hex(32)


@contextlib.contextmanager
def _ray_environment(**values: str) -> Iterator[None]:
    """Ray's environment variables set to ``values`` inside the block, restored after it (Ray
    itself sets RAY_AUTH_MODE when it enables token authentication)."""
    saved = {name: os.environ.get(name) for name in _RAY_ENVIRONMENT}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@contextlib.contextmanager
def _short_link(target: Path) -> Iterator[Path]:
    """A short path under /tmp that links to ``target``, removed after the block."""
    holder = Path(tempfile.mkdtemp(prefix="ng-", dir=_SHORT_TEMP_ROOT))
    link = holder / "r"
    link.symlink_to(target.resolve(), target_is_directory=True)
    try:
        yield link
    finally:
        shutil.rmtree(holder)


def _token_file(ray_dir: Path) -> Path:
    """The token-auth file of a local instance, readable by its owner only."""
    ray_dir.mkdir(parents=True, exist_ok=True)
    token = ray_dir / "auth_token"
    token.touch(mode=0o600)
    token.write_text(_process_token(), encoding="ascii")
    return token


@contextlib.contextmanager
def ray_session(run_dir: Path, workers: int, address: str | None = None) -> Iterator[None]:
    """Ray connected for the block: to the cluster at ``address``, to the instance this process
    already has, or to a new local instance of ``workers`` CPUs whose files live in
    ``run_dir/ray`` (token authentication on, usage statistics off, no dashboard)."""
    if ray.is_initialized():
        yield
        return
    with contextlib.ExitStack() as stack:
        environment = {"RAY_USAGE_STATS_ENABLED": "0"}
        options: dict = {"logging_level": logging.ERROR, "log_to_driver": False}
        if address:
            options["address"] = address
        else:
            token = _token_file(run_dir / "ray")
            environment["RAY_AUTH_TOKEN_PATH"] = str(token)
            temp_dir = stack.enter_context(_short_link(token.parent))
            options.update(num_cpus=workers, include_dashboard=False, _temp_dir=str(temp_dir))
        stack.enter_context(_ray_environment(**environment))
        ray.init(**options)
        stack.callback(ray.shutdown)
        yield


def _quiet_ray_data() -> None:
    """No progress bars or log lines from Ray Data but its errors: the CLI reports progress."""
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    logging.getLogger("ray.data").setLevel(logging.ERROR)


@dataclass(frozen=True)
class RayEngine:
    """The batch function on ``workers`` Ray actors, each holding the pipeline."""

    name: ClassVar[str] = "ray"
    pipeline: Pipeline
    workers: int
    run_dir: Path
    address: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES

    def results(self, sources: list[Source]) -> Iterator[pa.Table]:
        batch_size = self.pipeline.batch_size
        with ray_session(self.run_dir, self.workers, self.address):
            _quiet_ray_data()
            dataset = ray.data.read_datasource(
                InputDatasource(sources, batch_size, self.max_bytes), num_cpus=READ_CPUS
            ).map_batches(
                PipelineActor,
                fn_constructor_args=(self.pipeline,),
                batch_size=batch_size,
                batch_format="pyarrow",
                compute=ray.data.ActorPoolStrategy(size=self.workers),
                num_cpus=ACTOR_CPUS,
            )
            with warnings.catch_warnings():
                # Ray Data's advice on tuning (a pool larger than the batches left, for one).
                warnings.filterwarnings("ignore", category=UserWarning, module=r"ray\.data")
                yield from dataset.iter_batches(batch_size=None, batch_format="pyarrow")
