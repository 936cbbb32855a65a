"""How well the checks' hints generalise, measured on mutants of the course-style solutions.

    python -m maintainer_tools.hint_report                      every graded function, both halves
    python -m maintainer_tools.hint_report --half held-back     the honest half only
    python -m maintainer_tools.hint_report --function nb03_shallow.backward --show-misses 5
    python -m maintainer_tools.hint_report --by kind            one row per kind of mutation

Every graded function's canonical course-style solution (``helpers/checks/course``)
is mutated mechanically (``mutants.kinds``: swap np.dot and *, drop a .T, axis 0 for 1, drop
/ m, l for l - 1, sigmoid for tanh, A for Z, a notebook variable for a local, ...). Each
mutant runs through its check; the table counts, per function (or kind) and overall:

    mutants    distinct mutants generated
    changed    those that change the result on the check's own cases (the others are
               equivalent there and count for nothing; see mutants/run.py for the rule)
    rejected   changed and failed by the check (a failure block, not a crash of the check)
    hinted     rejected with a hint row
    named      hinted, and the hint names the mutated quantity or the first one it changes
               downstream (see mutants/messages.py for exactly how that is read)

Percentages are of ``changed``, rounded down (100% means all of them). The kinds are split
once into two halves (``mutants.kinds.KINDS``): write a diagnosis against "development", then
measure it on "held-back". The run is deterministic (every draw seeded, a fixed order) and
takes about 12 s of one core; ``--sample K`` judges every K-th mutant of each function.

From Python: ``verdicts(select(["nb03_shallow"], half="development"))`` gives one
``mutants.run.Verdict`` per mutant (its mutant, ``changes``, ``rejected``, ``hinted``,
``named``, ``message``); ``tally``, ``table``, ``misses`` and ``show`` work on those.
"""

import argparse
import sys

from helpers.checks import CHECKS

from .mutants import kinds
from .mutants.generate import mutants_of
from .mutants.run import judge

COLUMNS = ("mutants", "changed", "rejected", "hinted", "named")
SEVERITY = ("passed", "check error", "rejected", "hinted")  # misses, worst first


def select(functions=None, half=None, kind=None, sample=1):
    """The mutants of the CHECKS keys containing one of ``functions`` (all if None), of one
    half and one kind if given, every ``sample``-th of each function."""
    out = []
    for key in CHECKS:
        if functions and not any(f in key for f in functions):
            continue
        chosen = [m for m in mutants_of(key) if (half in (None, "all") or m.half == half)
                  and (kind is None or m.kind == kind)]
        out += chosen[::sample]
    return out


def verdicts(mutants):
    """The ``run.Verdict`` of each mutant, in order."""
    return [judge(m) for m in mutants]


def tally(group):
    """{column: count} for a list of verdicts."""
    changed = [v for v in group if v.changes]
    return {"mutants": len(group), "changed": len(changed),
            "rejected": sum(v.rejected for v in changed), "hinted": sum(v.hinted for v in changed),
            "named": sum(v.named for v in changed)}


def _cells(counts):
    cells = [f"{counts['mutants']:>7}", f"{counts['changed']:>7}"]
    for column in COLUMNS[2:]:
        share = f"{100 * counts[column] // counts['changed']}%" if counts["changed"] else "-"
        cells.append(f"{counts[column]:>5} {share:>4}")
    return "  ".join(cells)


def table(results, by="function"):
    """The report as text: one row per function (or kind), then overall and per half."""
    label = (lambda v: v.mutant.key) if by == "function" else (lambda v: v.mutant.kind)
    groups = {}
    for v in results:
        groups.setdefault(label(v), []).append(v)
    width = max([len(k) for k in groups] + [28])
    header = f"{by:<{width}}  mutants  changed   rejected      hinted       named"
    lines = [header, "-" * len(header)]
    lines += [f"{name:<{width}}  {_cells(tally(group))}" for name, group in groups.items()]
    lines.append("-" * len(header))
    lines.append(f"{'all':<{width}}  {_cells(tally(results))}")
    for half in kinds.HALVES:
        part = [v for v in results if v.mutant.half == half]
        if part:
            n = len({v.mutant.kind for v in part})
            lines.append(f"{f'{half} ({n} kinds)':<{width}}  {_cells(tally(part))}")
    return "\n".join(lines)


def anomalies(results):
    """Lines naming what must not happen: a changed mutant passed or crashed the check, or an
    unchanged one was rejected."""
    lines = []
    for what, bad in (("changed the result but passed",
                       [v for v in results if v.changes and v.outcome == "passed"]),
                      ("crashed the check itself", [v for v in results if v.check_error]),
                      ("same result on the check's cases, yet rejected",
                       [v for v in results if not v.changes and v.rejected])):
        if bad:
            lines.append(f"{len(bad)} mutant(s) {what}:")
            lines += [f"  {v.mutant.ident}  {v.mutant.change}" for v in bad]
    return lines


def misses(results, count):
    """Up to ``count`` changed mutants without a naming hint, worst first (passed, check
    error, no hint, hint that names something else), taking kinds in turn."""
    chosen = []
    for outcome in SEVERITY:
        pool = [v for v in results if v.changes and v.outcome == outcome]
        by_kind = {}
        for v in pool:
            by_kind.setdefault(v.mutant.kind, []).append(v)
        while by_kind and len(chosen) < count:
            for kind in list(by_kind):
                if len(chosen) < count:
                    chosen.append(by_kind[kind].pop(0))
                if not by_kind[kind]:
                    del by_kind[kind]
    return chosen


def _held(value):
    if hasattr(value, "shape"):
        return f"an array of shape {value.shape}"
    if isinstance(value, dict):
        return f"a dict with keys {sorted(value)}"
    if isinstance(value, (list, tuple)):
        return f"a {type(value).__name__} of {len(value)}"
    return repr(value)


def show(verdict):
    """A miss as text: the mutation, then the block the learner would see."""
    m = verdict.mutant
    lines = [f"{m.ident} ({m.half}): {verdict.outcome}",
             f"  edit:        {m.change}",
             f"  line:        {m.line}",
             f"  should name: {', '.join(m.quantities + m.downstream) or '-'}"]
    lines += [f"  notebook:    {name} = {_held(value)}" for name, value in m.notebook.items()]
    text = verdict.message or "(passed: no message)"
    lines += ["    | " + line for line in text.split("\n")]
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m maintainer_tools.hint_report",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--half", choices=("all",) + kinds.HALVES, default="all")
    parser.add_argument("--function", action="append", metavar="KEY",
                        help="only CHECKS keys containing KEY (repeatable), e.g. nb04_deep.linear")
    parser.add_argument("--kind", choices=[k for k, _, _ in kinds.KINDS])
    parser.add_argument("--by", choices=("function", "kind"), default="function")
    parser.add_argument("--show-misses", type=int, default=0, metavar="N",
                        help="print N misses with the message the learner would see")
    parser.add_argument("--sample", type=int, default=1, metavar="K",
                        help="judge every K-th mutant of each function (default: all)")
    args = parser.parse_args(argv)
    if args.sample < 1:
        parser.error("--sample must be 1 or more")
    chosen = select(args.function, args.half, args.kind, args.sample)
    if not chosen:
        parser.error("no mutant matches those options")
    results = verdicts(chosen)
    print(f"Hints on {len(results)} mutants of the course-style solutions (half: {args.half}"
          + (f", every {args.sample}th" if args.sample > 1 else "") + ")\n")
    print(table(results, args.by))
    trouble = anomalies(results)
    if trouble:
        print("\n" + "\n".join(trouble))
    for v in misses(results, args.show_misses):
        print("\n" + show(v))
    return 0


if __name__ == "__main__":
    sys.exit(main())
