"""Time grounded, complete, preferred and stable semantics on frameworks of the kinds the
ICCMA competitions use, at 100, 1,000 and 5,000 arguments, with both solvers.

A script, not a test: ``.venv/bin/python benchmarks/semantics.py [--sizes 100 1000]
[--timeout 10] [--out benchmarks/results/semantics.json]``. Every framework comes from a
fixed seed, so two runs time the same frameworks; each result is the seconds a semantics
took, the number of labellings, or "timeout". README.md beside this file has the numbers.

The kinds (each written here from its published description, not from the generators'
code):

- ``erdos-renyi``: each ordered pair of distinct arguments is an attack with probability
  p (Erdős and Rényi 1959), as AFBenchGen2 makes them for ICCMA 2017 (Cerutti, Giacomin
  and Vallati 2016, "Generating structured argumentation frameworks: AFBenchGen2", COMMA).
- ``barabasi-albert``: each new argument attaches to m earlier ones chosen in proportion
  to their degree (Barabási and Albert 1999), each edge an attack in a random direction;
  AFBenchGen2's scale-free kind.
- ``watts-strogatz``: a ring where each argument meets its k nearest, each edge rewired
  with probability beta (Watts and Strogatz 1998), each edge an attack in a random
  direction; AFBenchGen2's small-world kind.
- ``scc``: arguments in groups, attacks inside a group with one probability and from an
  earlier group to a later one with another, so that the framework has many strongly
  connected components; the kind of probo's SccGenerator (ICCMA 2015: Thimm, Villata,
  Cerutti, Oren, Strass and Vallati 2016, "Summary report of the first international
  competition on computational models of argumentation", AI Magazine 37).
- ``grounded``: attacks only from an earlier argument to a later one, so that the
  grounded labelling decides every argument; the kind of probo's GroundedGenerator.
- ``stable``: random attacks, then a planted set that attacks every argument outside it
  and none inside, so that there is at least one stable labelling; the kind of probo's
  StableGenerator.

The ICCMA 2017-2023 benchmark sets also hold frameworks translated from planning, ABA
and traffic problems; those are not generated here.
"""

from __future__ import annotations

import argparse
import json
import math
import platform
import random
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from argmap.analysis import EvaluationTimeout, Framework, complete, grounded, preferred, stable

Attacks = list[tuple[int, int]]


def erdos_renyi(n: int, p: float, rng: random.Random) -> Attacks:
    """Each ordered pair (a, b), a != b, with probability p (geometric skips, so that a
    sparse framework of 5,000 arguments costs its attacks, not 25 million draws)."""
    attacks: Attacks = []
    pairs = n * (n - 1)
    log_q = math.log(1 - p)
    i = -1
    while True:
        i += 1 + int(math.log(1 - rng.random()) / log_q)
        if i >= pairs:
            return attacks
        a, rest = divmod(i, n - 1)
        attacks.append((a, rest + (rest >= a)))


def _orient(edges: list[tuple[int, int]], rng: random.Random) -> Attacks:
    return [(a, b) if rng.random() < 0.5 else (b, a) for a, b in edges]


def barabasi_albert(n: int, m: int, rng: random.Random) -> Attacks:
    edges: list[tuple[int, int]] = []
    ends: list[int] = list(range(m))  # each argument once per edge end: degree-biased
    for new in range(m, n):
        chosen: set[int] = set()
        while len(chosen) < m:
            chosen.add(rng.choice(ends))
        for old in chosen:
            edges.append((new, old))
            ends += [new, old]
    return _orient(edges, rng)


def watts_strogatz(n: int, k: int, beta: float, rng: random.Random) -> Attacks:
    edges: set[tuple[int, int]] = set()
    for a in range(n):
        for step in range(1, k // 2 + 1):
            b = (a + step) % n
            if rng.random() < beta:
                b = rng.randrange(n)
                while b == a or (a, b) in edges or (b, a) in edges:
                    b = rng.randrange(n)
            edges.add((a, b))
    return _orient(sorted(edges), rng)


def scc_groups(n: int, groups: int, inside: float, forward: float, rng: random.Random) -> Attacks:
    group = sorted(rng.randrange(groups) for _ in range(n))
    attacks: Attacks = []
    for a in range(n):
        for b in range(n):
            if a == b:
                continue
            if group[a] == group[b]:
                if rng.random() < inside:
                    attacks.append((a, b))
            elif group[a] < group[b] and rng.random() < forward:
                attacks.append((a, b))
    return attacks


def grounded_dag(n: int, p: float, rng: random.Random) -> Attacks:
    return [(a, b) for a, b in erdos_renyi(n, 2 * p, rng) if a < b]


def planted_stable(n: int, size: int, p: float, rng: random.Random) -> Attacks:
    planted = set(rng.sample(range(n), size))
    attacks = [(a, b) for a, b in erdos_renyi(n, p, rng) if not (a in planted and b in planted)]
    hit = {b for a, b in attacks if a in planted}
    members = sorted(planted)
    attacks += [(rng.choice(members), b) for b in range(n) if b not in planted and b not in hit]
    return attacks


#: Each kind, with the parameters timed at every size, from sparse to dense: for
#: Erdős-Rényi, from the point where one giant strongly connected component appears
#: (p = 1/n) to 10 attackers an argument, past the point (about 6/n at 1,000 arguments)
#: beyond which no nonempty admissible set is found in minutes.
KINDS: dict[str, Callable[[int, random.Random], list[tuple[str, Attacks]]]] = {
    "erdos-renyi": lambda n, rng: [
        (f"p={d}/n", erdos_renyi(n, d / n, rng)) for d in (1, 2, 4, 10)
    ],
    "barabasi-albert": lambda n, rng: [(f"m={m}", barabasi_albert(n, m, rng)) for m in (1, 3)],
    "watts-strogatz": lambda n, rng: [
        (f"k={k} beta=0.1", watts_strogatz(n, k, 0.1, rng)) for k in (4, 10)
    ],
    "scc": lambda n, rng: [
        (f"groups=n/10 inside=0.3 forward={d}/n", scc_groups(n, n // 10, 0.3, d / n, rng))
        for d in (0.5, 4)
    ],
    "grounded": lambda n, rng: [("p=4/n", grounded_dag(n, 4 / n, rng))],
    "stable": lambda n, rng: [
        ("planted=n/20 p=4/n", planted_stable(n, max(2, n // 20), 4 / n, rng))
    ],
}


def frameworks(sizes: list[int], seed: int) -> Iterator[tuple[str, str, int, Framework]]:
    for n in sizes:
        for kind, make in KINDS.items():
            rng = random.Random(f"{seed}-{kind}-{n}")
            for parameters, attacks in make(n, rng):
                names = [f"a{i}" for i in range(n)]
                af = Framework(names, [(names[a], names[b]) for a, b in attacks])
                yield kind, parameters, n, af


def _time(run: Callable[[], object]) -> dict[str, object]:
    start = time.perf_counter()
    try:
        found = run()
    except EvaluationTimeout as error:
        return {
            "seconds": round(time.perf_counter() - start, 3),
            "timeout": True,
            "found": error.found,
        }
    count = len(found) if isinstance(found, list) else 1
    return {"seconds": round(time.perf_counter() - start, 3), "labellings": count}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--timeout", type=float, default=10.0)
    parser.add_argument("--solvers", nargs="+", default=["sat", "backtracking"])
    parser.add_argument("--kinds", nargs="+", default=list(KINDS))
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument(
        "--out", type=Path, default=Path(__file__).parent / "results" / "semantics.json"
    )
    options = parser.parse_args(argv)
    rows: list[dict[str, object]] = []
    for kind, parameters, n, af in frameworks(options.sizes, options.seed):
        if kind not in options.kinds:
            continue
        row: dict[str, object] = {
            "kind": kind,
            "parameters": parameters,
            "arguments": n,
            "attacks": len(af.attacks),
            "grounded": _time(lambda af=af: grounded(af)),
        }
        for solver in options.solvers:
            for name, semantics in (
                ("complete", complete),
                ("preferred", preferred),
                ("stable", stable),
            ):
                row[f"{name} {solver}"] = _time(
                    lambda af=af, s=semantics, solver=solver: s(
                        af, timeout=options.timeout, solver=solver
                    )
                )
        rows.append(row)
        print(json.dumps(row), flush=True)
    options.out.parent.mkdir(parents=True, exist_ok=True)
    machine = {
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
    }
    options.out.write_text(
        json.dumps({"machine": machine, "timeout": options.timeout, "results": rows}, indent=1)
        + "\n",
        "utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
