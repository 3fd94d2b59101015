"""libcsat for Python: customer-satisfaction scores with their uncertainty.

NPS, CSAT, top/bottom-box shares, mean score, Customer Effort Score, the
distribution of answers and a composite index, each with sample sizes
(n, weighted n, Kish effective n, n missing), standard error and
confidence interval; mergeable, picklable accumulators (Tally, Moments,
Grouped: one per group; XProd for key drivers) for data summarised in
shards, as portable bytes (doc/format.md).

Key-driver analysis: least squares (weighted when weights are given) of
overall satisfaction on attribute ratings with relative importance (LMG /
Shapley, relative weights, Pratt...), dominance analysis, bootstrap
intervals and importance-performance quadrants (csat.key_drivers,
csat.XProd).

Comparisons: a score against a benchmark or another survey's score
(csat.compare), adjusted p-values (csat.adjust), trends across waves,
percentile rank among peers and expectation–perception gaps. Business
measures: retention and churn, Kaplan–Meier retention curves, customer
lifetime value, complaints (Pareto, rate), resolution times, referral
rates and review ratings.

Scores by group: every score function takes `by=` (segments, periods,
crossed groups) and returns a GroupedResult, a mapping label -> result in
one pass, with to_frame(), compare("rest" | label | "pairs" |
benchmark=) with adjusted p-values, track() (changes, control limits,
trend) and plot() (csat.groups); csat.Grouped is the same accumulator for
shards, merged and then scored by group.

Survey designs: csat.Design(weights=, strata=, clusters=, fpc=) describes
how the rows were drawn; every score function, the scores by group and
their comparison with the rest, and key_drivers take `design=` and give
design-based standard errors as R's survey package (csat.design).
csat.rake rakes weights to population margins.

Every number is computed by the C library; this package converts input
(numpy, pandas, lists) and wraps the results.

    import csat
    r = csat.nps(df["recommend"], df["weight"])
    print(r.score, r.ci)
    model = csat.key_drivers(df[["speed", "price", "staff", "overall"]], "overall")
    print(model.summary(), model.importance("lmg"))
    print(csat.compare(r, benchmark=30))
"""

from . import core as _core
from ._core import ConvergenceError, SingularError
from ._progress import LongWorkWarning
from .accum import Moments, Tally
from .business import (Complaints, Rate, Resolution, Retention, Reviews, Survival,
                       SurvivalPoint, churn, churn_convert, clv, complaints, rate,
                       referral_rate, resolution_times, retention, reviews, survival)
from .comparisons import Comparison, Rank, Trend, adjust, compare, gap, percentile_rank, trend
from .design import Design, DesignInfo, RakeInfo, rake
from .drivers import (BootstrapInterval, Dominance, KeyDriverModel, XProd, key_drivers,
                      key_drivers_from)
from .groups import Grouped, GroupedResult
from .results import CESResult, Distribution, MeanResult, NPSResult, Sample, ShareResult
from .scores import (bottom_box, box_share, ces, csat, distribution, index, mean_score, nps,
                     top_box)

__version__ = _core.version()


def version():
    """Version of the loaded C library, "MAJOR.MINOR.PATCH"."""
    return _core.version()


__all__ = [
    "nps", "csat", "box_share", "top_box", "bottom_box", "mean_score", "ces",
    "distribution", "index", "Tally", "Moments", "NPSResult", "ShareResult",
    "MeanResult", "CESResult", "Sample", "Distribution", "version", "__version__",
    "key_drivers", "key_drivers_from", "KeyDriverModel", "XProd", "Dominance",
    "BootstrapInterval", "SingularError",
    "compare", "adjust", "trend", "percentile_rank", "gap", "Comparison", "Trend", "Rank",
    "retention", "churn", "churn_convert", "survival", "clv", "complaints", "rate",
    "referral_rate", "resolution_times", "reviews", "Retention", "Survival",
    "SurvivalPoint", "Rate", "Complaints", "Resolution", "Reviews", "GroupedResult", "Grouped",
    "Design", "DesignInfo", "RakeInfo", "rake", "ConvergenceError", "LongWorkWarning",
]
