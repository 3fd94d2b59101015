#!/usr/bin/env python3
"""Satisfaction scores and key drivers of a large survey on a Dask cluster.

    python3 dask_scores.py                               # 10^8 answers, a LocalCluster
    python3 dask_scores.py --scheduler tcp://host:8786   # a running cluster
    python3 dask_scores.py --answers 1e6 --driver-rows 1e5 --partitions 8

The survey is generated on the fly, partition by partition, on the workers
(a seed per partition, so every run and every machine makes the same
data): 10^8 answers to "would you recommend us?" (0-10) and "how satisfied
are you?" (1-5), with the customer's segment, a survey weight and the
minutes the customer waited; and, for the key drivers, 10^7 respondents
who rated 20 attributes (1-10) and their overall satisfaction (1-10).

Each partition is summarised by libcsat's accumulators and travels as
their serialised bytes (doc/format.md): a tally of all NPS answers, a
tally per segment of the NPS and of the CSAT answers (csat.Grouped), the
moments of the waiting time per segment and the cross-products of the
drivers (csat.XProd). A few hundred bytes to a few KiB per partition,
whatever its number of rows. A tree reduction merges them (fan-in
--split-every), and the merged accumulators give NPS and CSAT by segment
with domain confidence intervals, the mean wait by segment and the key
drivers with their LMG (Shapley) shares of R².

Then the example checks the cluster against one pass in this process
over the same partitions into one set of accumulators: the tallies must be
identical bytes (counts are integers, and the weights, multiples of 1/8,
sum exactly), the moments and cross-products equal to 10^-12 relative,
NPS and CSAT identical and the scores read from moments and cross-products
(mean waits, LMG) equal to 10^-9. It exits with status 1 if they differ.

--dataframe also times NPS by segment three ways on the same cluster and
partitions: generating the data alone, libcsat's grouped tallies, and
dask.dataframe's own groupby (point estimates only, no intervals).

spark_scores() below shows the same map and reduce on PySpark
(mapPartitions + treeReduce); it is not run here.

Needs numpy, pandas and dask.distributed (Debian: python3-numpy,
python3-pandas, python3-distributed), and csat on every worker.
"""

import argparse
import logging
import math
import struct
import sys
import time

import numpy as np

import csat

# The survey ---------------------------------------------------------------------

SEGMENTS = ["enterprise", "mid-market", "small business", "consumer", "public sector",
            "partner"]
SEGMENT_SHARE = np.array([0.08, 0.17, 0.25, 0.35, 0.10, 0.05])
# Each segment's answers to the 0-10 question: a common shape, tilted.
NPS_SHAPE = np.array([2, 1, 1.5, 2, 2.5, 5, 6, 10, 14, 13, 11], dtype=float)
NPS_TILT = np.array([0.18, 0.09, 0.0, -0.06, 0.12, -0.15])
WAIT_MINUTES = np.array([4.0, 6.0, 9.0, 12.0, 7.0, 5.0])    # mean wait per segment
DRIVERS = ["ease_of_ordering", "delivery_speed", "price", "product_quality", "packaging",
           "website", "mobile_app", "support_wait", "support_knowledge",
           "support_friendliness", "returns", "billing_clarity", "invoice_accuracy",
           "account_manager", "onboarding", "documentation", "reliability", "security",
           "value_for_money", "communication"]

# Categorical draws read a table of 2^16 equally likely slots (a gather per
# row, much faster than a search of the cumulative distribution).
SLOTS = 1 << 16


def _slots(p, slots=SLOTS):
    """The outcome of each of `slots` equally likely slots, for probabilities
    p (rounded to multiples of 1/slots by largest remainder)."""
    counts = np.floor(p * slots).astype(np.int64)
    counts[np.argsort(counts - p * slots)[:slots - counts.sum()]] += 1
    return np.repeat(np.arange(len(p)), counts)


def _tables():
    nps = NPS_SHAPE * np.exp(np.outer(NPS_TILT, np.arange(11)))
    nps /= nps.sum(axis=1, keepdims=True)
    segment_answer = _slots((SEGMENT_SHARE[:, None] * nps).ravel()).astype(np.int16)
    # CSAT (1-5) given the NPS answer: satisfaction follows recommendation.
    csat_given = np.empty((11, 1024), dtype=np.int8)
    for a in range(11):
        centre = 1 + 4 * a / 10
        p = np.exp(-0.9 * (np.arange(1, 6) - centre) ** 2)
        csat_given[a] = 1 + _slots(p / p.sum(), 1024)
    return segment_answer, csat_given.ravel()


SEGMENT_ANSWER, CSAT_GIVEN = _tables()


def rows_of(total, parts, i):
    """Rows of partition i when `total` rows are cut into `parts`."""
    return total // parts + (1 if i < total % parts else 0)


def rng_of(args, i, stream):
    """The generator of partition i: the same numbers on any machine."""
    return np.random.default_rng([args.seed, stream, i])


def answers_partition(args, i):
    """Partition i of the answers: segment codes, NPS (0-10) and CSAT (1-5)
    answers with NaN for the missing ones, minutes waited and weights."""
    n = rows_of(args.answers, args.partitions, i)
    rng = rng_of(args, i, 0)
    cell = SEGMENT_ANSWER[rng.integers(0, SLOTS, n)]
    segment = (cell // 11).astype(np.int32)
    answer = cell % 11
    nps = answer.astype(np.float64)
    sat = CSAT_GIVEN[answer * 1024 + rng.integers(0, 1024, n)].astype(np.float64)
    missing = rng.integers(0, 1000, n)
    nps[missing < 15] = np.nan                          # 1.5 % skipped the question
    sat[(missing >= 15) & (missing < 45)] = np.nan      # 3 % skipped this one
    wait = rng.standard_exponential(n) * WAIT_MINUTES[segment]
    weight = rng.integers(2, 33, n) / 8.0               # 0.25 .. 4, multiples of 1/8
    return segment, nps, sat, wait, weight


def drivers_partition(args, i):
    """Partition i of the key-driver data: ratings (rows x p, 1-10) of
    correlated attributes, overall satisfaction (1-10) and weights; a row in
    200 has an unrated attribute (NaN)."""
    n, p = rows_of(args.driver_rows, args.partitions, i), args.drivers
    rng = rng_of(args, i, 1)
    common = rng.standard_normal((n, 1))
    loading = np.linspace(0.6, 1.4, p)
    x = np.clip(np.rint(6 + loading * common + 1.6 * rng.standard_normal((n, p))), 1, 10)
    effect = 0.03 + 0.004 * np.arange(p)                # every attribute matters a little,
    effect[3::7] += 0.25                                # a few of them much more
    y = np.clip(np.rint(1 + x @ (effect / effect.sum()) + rng.standard_normal(n)), 1, 10)
    unrated = rng.integers(0, 200, n) == 0
    x[unrated, rng.integers(0, p, int(unrated.sum()))] = np.nan
    weight = rng.integers(2, 33, n) / 8.0
    return x, y, weight


# Map and reduce -------------------------------------------------------------------

def new_accumulators(args):
    g = len(SEGMENTS)
    return {
        "nps": csat.Tally((0, 10)),                      # every answer
        "nps_by_segment": csat.Grouped(g, scale=(0, 10)),
        "csat_by_segment": csat.Grouped(g, scale=(1, 5)),
        "wait_by_segment": csat.Grouped(g, scale=None),  # moments of minutes
        "drivers": csat.XProd(args.drivers),
    }


def add_partition(acc, args, i):
    """Add partition i to the accumulators `acc`."""
    segment, nps, sat, wait, weight = answers_partition(args, i)
    acc["nps"].add(nps, weight)
    acc["nps_by_segment"].add(nps, segment, weight)
    acc["csat_by_segment"].add(sat, segment, weight)
    acc["wait_by_segment"].add(wait, segment, weight)
    x, y, w = drivers_partition(args, i)
    acc["drivers"].add(x, y, w)


def summarise(partitions, args):
    """Map: the partitions given (Dask: one) -> serialised accumulators, a
    dict name -> bytes."""
    acc = new_accumulators(args)
    for i in partitions:
        add_partition(acc, args, i)
    return {name: a.serialize() for name, a in acc.items()}


KINDS = {"nps": csat.Tally, "nps_by_segment": csat.Grouped, "csat_by_segment": csat.Grouped,
         "wait_by_segment": csat.Grouped, "drivers": csat.XProd}


def load(blobs):
    """Accumulators from a dict name -> bytes."""
    return {name: KINDS[name].deserialize(b) for name, b in blobs.items()}


def merge(list_of_blobs):
    """Reduce: several dicts of serialised accumulators -> one, merged in
    the order given (associative, so any tree of merges gives the same
    state up to the rounding of the weight sums and moments)."""
    list_of_blobs = list(list_of_blobs)      # Dask hands over an iterator
    merged = load(list_of_blobs[0])
    for blobs in list_of_blobs[1:]:
        for name, a in load(blobs).items():
            merged[name].merge(a)
    return {name: a.serialize() for name, a in merged.items()}


def dask_scores(client, args):
    """The map over partitions and the tree reduction on Dask: a bag of
    partition numbers, summarise() on each, merge() split_every at a time."""
    import dask.bag as db
    bag = db.from_sequence(range(args.partitions), npartitions=args.partitions)
    job = bag.reduction(lambda part: summarise(part, args), merge,
                        split_every=args.split_every)
    return client.compute(job).result()


def spark_scores(spark, args, depth=3):
    """The same map and reduce on PySpark (not run here): mapPartitions
    summarises each partition into serialised accumulators, treeReduce
    merges them `depth` levels deep, and the driver loads the result.

        from pyspark.sql import SparkSession
        spark = SparkSession.builder.appName("csat").getOrCreate()
        acc = load(spark_scores(spark, args))

    Every executor needs numpy and csat (pip install it there). Only bytes
    travel: a few hundred to a few thousand per partition.
    """
    sc = spark.sparkContext
    parts = sc.parallelize(range(args.partitions), args.partitions)
    return (parts.mapPartitions(lambda part: [summarise(part, args)])
                 .treeReduce(lambda a, b: merge([a, b]), depth=depth))


def in_process(args):
    """One pass in this process over every partition, into one set of
    accumulators (no merging)."""
    acc = new_accumulators(args)
    for i in range(args.partitions):
        add_partition(acc, args, i)
    return acc


# The check: merged on the cluster vs one pass --------------------------------------

RTOL = 1e-12           # moments and cross-products
SCORE_RTOL = 1e-9      # scores read from them: a regression (LMG) amplifies
                       # their rounding by the condition of the drivers


def _worst(a, b, scale):
    """Largest |a - b| / scale, elementwise (0 where a == b)."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    d = np.abs(a - b)
    with np.errstate(invalid="ignore", divide="ignore"):
        r = np.where(d == 0, 0.0, d / np.asarray(scale, dtype=float))
    return float(np.max(r)) if r.size else 0.0


def _moments_groups(blob):
    """(counts, doubles) of each group of a serialised grouped moments
    accumulator (doc/format.md, CSTG kind 1)."""
    magic, version, kind, _, _, _, groups, _ = struct.unpack_from("<4sIIiiIQQ", blob)
    assert magic == b"CSTG" and version == 1 and kind == 1
    rec = [struct.unpack_from("<QQ8d", blob, 40 + 80 * d) for d in range(groups)]
    return np.array([r[:2] for r in rec]), np.array([r[2:] for r in rec])


def _xprod_fields(blob):
    """The fields of a serialised cross-product accumulator (doc/format.md,
    CSTX version 2)."""
    magic, version, p, n, n_missing, n_pos, w, w2 = struct.unpack_from("<4sIQQQQdd", blob)
    assert magic == b"CSTX" and version == 2
    q = p + 1
    f = np.frombuffer(blob, dtype="<f8", count=2 * q + q * q, offset=56)
    return {"counts": (p, n, n_missing, n_pos), "sums": np.array([w, w2]),
            "mean": f[:q], "c": f[q:q + q * q].reshape(q, q), "ref": f[q + q * q:],
            "varies": blob[56 + 8 * (2 * q + q * q):]}


def check(cluster, local, cluster_scores, local_scores):
    """Compare the merged accumulators and their scores with those of one
    pass; returns (lines to print, whether all agree)."""
    lines, ok = [], True

    def verdict(good):
        nonlocal ok
        ok = ok and good
        return "" if good else "  FAILED"

    tallies = ["nps", "nps_by_segment", "csat_by_segment"]
    same = all(cluster[k].serialize() == local[k].serialize() for k in tallies)
    lines.append("tallies (NPS, NPS and CSAT by segment): "
                 + ("identical bytes" if same else "DIFFERENT") + verdict(same))

    (ca, da), (cb, db_) = (_moments_groups(x["wait_by_segment"].serialize())
                           for x in (cluster, local))
    counts = np.array_equal(ca, cb)
    err = _worst(da, db_, np.maximum(np.abs(da), np.abs(db_)))   # each sum against itself
    lines.append(f"moments (wait by segment): counts {'equal' if counts else 'DIFFERENT'}, "
                 f"sums to {err:.1e} relative" + verdict(counts and err <= RTOL))

    a, b = (_xprod_fields(x["drivers"].serialize()) for x in (cluster, local))
    var = np.diag(a["c"])
    exact = (a["counts"] == b["counts"] and np.array_equal(a["ref"], b["ref"])
             and a["varies"] == b["varies"])
    err_sums = _worst(a["sums"], b["sums"], np.abs(a["sums"]))
    # Means against their size or the column's SD; co-moments against the
    # product of the two SDs (a difference in the correlation).
    err_mean = _worst(a["mean"], b["mean"], np.maximum(np.abs(a["mean"]),
                                                       np.sqrt(var / a["sums"][0])))
    err_c = _worst(a["c"], b["c"], np.sqrt(np.outer(var, var)))
    lines.append(f"cross-products (p = {a['counts'][0]}): counts "
                 f"{'equal' if exact else 'DIFFERENT'}, means to {err_mean:.1e}, "
                 f"co-moments to {err_c:.1e} relative"
                 + verdict(exact and max(err_sums, err_mean, err_c) <= RTOL))

    same = all(np.array_equal(cluster_scores[k], local_scores[k]) for k in ("nps", "csat"))
    err = max(_worst(cluster_scores[k], local_scores[k], np.abs(local_scores[k]))
              for k in ("wait", "lmg"))
    lines.append(f"scores: NPS and CSAT by segment {'identical' if same else 'DIFFERENT'}, "
                 f"mean waits and LMG to {err:.1e} relative"
                 + verdict(same and err <= SCORE_RTOL))
    return lines, ok


# The report -----------------------------------------------------------------------------

def scores(acc, args):
    """The numbers the report prints, as arrays (for the check)."""
    nps = acc["nps_by_segment"].nps().to_frame()
    sat = acc["csat_by_segment"].csat().to_frame()
    wait = acc["wait_by_segment"].mean().to_frame()
    model = acc["drivers"].fit(names=DRIVERS[:args.drivers] if args.drivers <= len(DRIVERS)
                               else None)
    lmg = model.importance("lmg")
    return {"nps": nps[["score", "se", "ci_lower", "ci_upper"]].to_numpy(),
            "csat": sat[["score", "se", "ci_lower", "ci_upper"]].to_numpy(),
            "wait": wait[["score", "se"]].to_numpy(),
            "lmg": np.asarray(lmg, dtype=float)}, (nps, sat, wait, model, lmg)


def report(acc, args, tables):
    nps, sat, wait, model, lmg = tables
    r = acc["nps"].nps()
    print(f"NPS of all answers: {r.score:+.2f}   95% CI [{r.ci[0]:+.2f}, {r.ci[1]:+.2f}]   "
          f"n = {r.n:,} ({r.n_missing:,} missing)")
    print()
    print("By segment (domain intervals, 95 %; CSAT = 4-5 of 1-5; minutes waited: mean)")
    print(f"  {'segment':<15}{'n':>12}   {'NPS':>6}  {'95% CI':<16} {'CSAT %':>6}  "
          f"{'95% CI':<14} {'wait':>6}")
    for d, name in enumerate(SEGMENTS):
        a, s, w = nps.iloc[d], sat.iloc[d], wait.iloc[d]
        print(f"  {name:<15}{int(a['n']):>12,}   {a['score']:+6.1f}  "
              f"[{a['ci_lower']:+5.1f}, {a['ci_upper']:+5.1f}]  {s['score']:6.2f}  "
              f"[{100 * s['ci_lower']:5.2f}, {100 * s['ci_upper']:5.2f}] {w['score']:6.2f}")
    print()
    lmg = np.asarray(lmg, dtype=float)
    share = lmg / lmg.sum()
    order = np.argsort(-share)
    print(f"Key drivers of overall satisfaction: R² = {model.r2:.4f}, n = {model.n:,} "
          f"({model.n_missing:,} rows with an unrated attribute left out)")
    print("  LMG (Shapley value of R², exact over all "
          f"{2 ** args.drivers:,} subsets), largest first")
    names = model.names
    for k in order[:min(8, len(order))]:
        print(f"  {names[k]:<22}{lmg[k]:8.4f}  {100 * share[k]:5.1f} %  "
              + "#" * int(round(60 * share[k])))
    if len(order) > 8:
        print(f"  ... and {len(order) - 8} more, {100 * share[order[8:]].sum():.1f} % together")


def sizes(blobs):
    return ", ".join(f"{name} {len(b):,} B" for name, b in blobs.items())


def dataframe_comparison(client, args):
    """NPS by segment three ways on the cluster: the data alone, csat's
    grouped tallies, dask.dataframe's groupby; returns the lines to print."""
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd

    parts = range(args.partitions)

    def generate_only(part):
        for i in part:
            answers_partition(args, i)
        return 0

    def nps_only(part):
        acc = csat.Grouped(len(SEGMENTS), scale=(0, 10))
        for i in part:
            segment, nps, _, _, weight = answers_partition(args, i)
            acc.add(nps, segment, weight)
        return acc.serialize()

    def merge_grouped(blobs):
        blobs = list(blobs)
        acc = csat.Grouped.deserialize(blobs[0])
        for b in blobs[1:]:
            acc.merge(csat.Grouped.deserialize(b))
        return acc.serialize()

    def frame(i):
        segment, nps, _, _, weight = answers_partition(args, i)
        return pd.DataFrame({"segment": segment, "nps": nps, "weight": weight})

    bag = db.from_sequence(parts, npartitions=args.partitions)
    t = time.perf_counter()
    client.compute(bag.reduction(generate_only, sum, split_every=args.split_every)).result()
    t_gen = time.perf_counter() - t

    t = time.perf_counter()
    blob = client.compute(bag.reduction(nps_only, merge_grouped,
                                        split_every=args.split_every)).result()
    ours = csat.Grouped.deserialize(blob, labels=SEGMENTS).nps()
    t_csat = time.perf_counter() - t

    t = time.perf_counter()
    df = dd.from_map(frame, parts, meta=frame_meta(pd))
    answered = df["nps"].notnull()
    df = df.assign(w=df["weight"].where(answered, 0.0),
                   promoter=df["weight"].where(df["nps"] >= 9, 0.0),
                   detractor=df["weight"].where(df["nps"] <= 6, 0.0))
    sums = client.compute(df.groupby("segment")[["w", "promoter", "detractor"]].sum(
        split_every=args.split_every)).result().sort_index()
    theirs = 100 * (sums["promoter"] - sums["detractor"]) / sums["w"]
    t_df = time.perf_counter() - t

    diff = float(np.max(np.abs(theirs.to_numpy() - ours.to_frame()["score"].to_numpy())))
    return [f"NPS by segment alone, {args.answers:,} answers, same cluster and partitions:",
            f"  generating the data only          {t_gen:7.2f} s",
            f"  csat.Grouped tallies + merge      {t_csat:7.2f} s   (with SE and intervals)",
            f"  dask.dataframe groupby().sum()    {t_df:7.2f} s   (point estimates only; "
            f"max |difference| {diff:.1e} points)"]


def frame_meta(pd):
    return pd.DataFrame({"segment": np.array([], dtype=np.int32),
                         "nps": np.array([], dtype=float), "weight": np.array([], dtype=float)})


# Main ----------------------------------------------------------------------------------

def count(text):
    """A row count such as 1e8 or 100000000."""
    v = float(text)
    if not (v >= 1 and v == int(v)):
        raise argparse.ArgumentTypeError(f"not a positive whole number: {text}")
    return int(v)


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--answers", type=count, default=10 ** 8,
                   help="survey answers (default 1e8)")
    p.add_argument("--driver-rows", type=count, default=10 ** 7,
                   help="respondents who rated the attributes (default 1e7)")
    p.add_argument("--drivers", type=count, default=20,
                   help="attributes rated, p (default 20, at most 25 for the exact LMG)")
    p.add_argument("--partitions", type=count, default=None,
                   help="partitions (default: about 2 million answers each)")
    p.add_argument("--split-every", type=count, default=8,
                   help="fan-in of the tree reduction (default 8)")
    p.add_argument("--scheduler", default=None,
                   help="address of a running Dask scheduler (default: a LocalCluster)")
    p.add_argument("--workers", type=count, default=2,
                   help="LocalCluster worker processes (default 2)")
    p.add_argument("--threads", type=count, default=1,
                   help="threads per LocalCluster worker (default 1)")
    p.add_argument("--malloc-trim", action="store_true",
                   help="LocalCluster: keep Dask's MALLOC_TRIM_THRESHOLD_ for the workers "
                        "(slower here: large arrays are mapped afresh for every partition)")
    p.add_argument("--seed", type=int, default=2024, help="seed of the data (default 2024)")
    p.add_argument("--no-check", action="store_true",
                   help="skip the in-process pass and the comparison with it")
    p.add_argument("--dataframe", action="store_true",
                   help="also time NPS by segment against dask.dataframe's groupby")
    args = p.parse_args(argv)
    if args.drivers > 25:
        p.error("--drivers: at most 25 (LMG is exact over all 2^p subsets)")
    if args.partitions is None:
        args.partitions = max(2 * args.workers, math.ceil(args.answers / 2_000_000))
    if args.partitions > min(args.answers, args.driver_rows):
        p.error("--partitions: more partitions than rows")
    return args


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    from dask.distributed import Client, LocalCluster

    if args.scheduler:
        cluster = None
        client = Client(args.scheduler)
        where = f"the Dask scheduler at {args.scheduler}"
    else:
        if not args.malloc_trim:
            # Dask starts workers with MALLOC_TRIM_THRESHOLD_ set, which also
            # stops glibc from raising its mmap threshold: every large array
            # of a partition is then mapped afresh and its pages faulted in,
            # which makes the generator and the grouped moments (which
            # gather each group's values) up to twice as slow.
            import dask
            environ = dict(dask.config.get("distributed.nanny.pre-spawn-environ"))
            environ.pop("MALLOC_TRIM_THRESHOLD_", None)
            dask.config.set({"distributed.nanny.pre-spawn-environ": environ})
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=args.threads,
                               processes=True, dashboard_address=None,
                               silence_logs=logging.ERROR)
        client = Client(cluster)
        where = (f"a LocalCluster of {args.workers} worker processes x {args.threads} "
                 f"thread{'s' if args.threads > 1 else ''}")
    try:
        print(f"Survey: {args.answers:,} answers in {len(SEGMENTS)} segments, with weights; "
              f"key drivers: {args.driver_rows:,} rows x {args.drivers} attributes; "
              f"{args.partitions} partitions")
        print(f"Cluster: {where}")
        t = time.perf_counter()
        blobs = dask_scores(client, args)
        t_cluster = time.perf_counter() - t
        depth = math.ceil(math.log(args.partitions, args.split_every)) if args.partitions > 1 else 0
        print(f"Map over {args.partitions} partitions, tree reduction (fan-in "
              f"{args.split_every}, depth {depth}): {t_cluster:.2f} s")
        print(f"Serialised accumulators (the same size for a partition and for the merge): "
              f"{sizes(blobs)}")
        print()
        acc = load(blobs)
        acc_scores, tables = scores(acc, args)
        report(acc, args, tables)

        ok = True
        if not args.no_check:
            t = time.perf_counter()
            local = in_process(args)
            t_local = time.perf_counter() - t
            local_scores, _ = scores(local, args)
            lines, ok = check(acc, local, acc_scores, local_scores)
            print()
            print(f"Check against one pass in this process over the same partitions "
                  f"({t_local:.2f} s; the cluster took {t_cluster:.2f} s):")
            for line in lines:
                print("  " + line)
            print("  " + ("the cluster equals one pass" if ok else "MISMATCH"))
        if args.dataframe:
            print()
            for line in dataframe_comparison(client, args):
                print(line)
        return 0 if ok else 1
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


if __name__ == "__main__":
    sys.exit(main())
