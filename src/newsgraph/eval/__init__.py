"""Gold-set readers and scorers shared by the tests, ``newsgraph eval`` and ``bench/``."""
