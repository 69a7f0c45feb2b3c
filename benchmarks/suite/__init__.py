"""The benchmark suite behind ``make bench`` (``benchmarks/run.py``), one concern a module.

- :mod:`suite.processes`: one timed run in a fresh process, its peak memory, a time limit;
- :mod:`suite.works`: what is measured (the works, the maps they run on, their commands);
- :mod:`suite.machine`: what it ran on;
- :mod:`suite.results`: medians, ratios and the JSON result file;
- :mod:`suite.plot`: the log-log plot (the only module that imports matplotlib).
"""
