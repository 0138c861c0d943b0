"""What a worker process of a batch run is: its models loaded once, its name and peak memory."""

from __future__ import annotations

import os
import resource
import socket
import sys
from dataclasses import dataclass

from ..pipeline import Pipeline


@dataclass(frozen=True)
class Worker:
    """The process that ran a batch: ``host:pid``, and its peak resident memory in bytes."""

    name: str
    peak_rss: int


def warm_up(pipeline: Pipeline) -> None:
    """Load what ``pipeline`` needs (spaCy and the knowledge tables) into this process now,
    once: :class:`newsgraph.annotate.Annotator` keeps them for every later batch."""
    if pipeline.language:
        from ..annotate import Annotator

        Annotator.for_files(pipeline.actor_files)


def this_worker() -> Worker:
    """This process, and the peak of its resident memory so far."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS.
    peak_bytes = peak if sys.platform == "darwin" else peak * 1024
    return Worker(name=f"{socket.gethostname()}:{os.getpid()}", peak_rss=peak_bytes)
