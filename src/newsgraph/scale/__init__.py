"""Running the pipeline over a corpus on more than one core.

:class:`ProcessPoolPipeline` spreads ``Pipeline.run`` over a process pool (``ingest
--workers``); :func:`newsgraph.scale.run.run_batch` is ``newsgraph batch``: the batch function
of :mod:`.batch` on the local engine (:mod:`.engine`) or Ray Data (:mod:`.raydata`), written to a
resumable output directory. Those modules need pyarrow and are imported on their own.
"""

from .local import ProcessPoolPipeline

__all__ = ["ProcessPoolPipeline"]
