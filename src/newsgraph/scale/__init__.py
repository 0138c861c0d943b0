"""Running the pipeline over a corpus on more than one core."""

from .local import ProcessPoolPipeline

__all__ = ["ProcessPoolPipeline"]
