"""Runs the generated FastAPI app (`python -m app`, cwd = the project) under
cProfile and writes a JSON summary when it stops (SIGTERM): top functions by own
time, own time by file, and cumulative time of the project's own functions."""

import cProfile
import json
import os
import pstats
import runpy
import sys

out = sys.argv[1]
sys.path.insert(0, os.getcwd())
profiler = cProfile.Profile()
profiler.enable()
try:
    runpy.run_module("app", run_name="__main__", alter_sys=True)
except SystemExit:
    pass
finally:
    profiler.disable()
    stats = pstats.Stats(profiler).stats
    rows = []
    for (filename, line, func), (cc, nc, tt, ct, callers) in stats.items():
        rows.append({"file": filename, "line": line, "func": func, "calls": nc, "tottime": tt, "cumtime": ct})
    with open(out, "w") as handle:
        json.dump({"cwd": os.getcwd(), "rows": rows}, handle)
