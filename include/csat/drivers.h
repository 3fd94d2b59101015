/**
 * @file csat/drivers.h
 * @brief Key-driver analysis: weighted least squares of an outcome (overall
 *        satisfaction) on drivers (attribute ratings), and the relative
 *        importance of each driver.
 *
 * One call fits (::csat_drivers_fit, or ::csat_drivers_fit_xprod from a
 * merged accumulator); the fitted model is an opaque handle that carries
 * every statistic, read through accessors, and is freed with
 * ::csat_drivers_free. Relative importance (::csat_drivers_importance,
 * ::csat_drivers_dominance), bootstrap intervals (::csat_drivers_bootstrap)
 * and importance–performance analysis (::csat_drivers_ipa) are computed from
 * the model.
 *
 * Data layout: drivers are a row-major n × p matrix with leading dimension
 * `ld` ≥ p (element (i, j) at `x[i*ld + j]`), the outcome an array of n,
 * weights an array of n or NULL. A row with a NaN in any driver or in the
 * outcome is missing: skipped as a whole (listwise) and counted.
 * Formulas and sources: doc/methods.md, "Key drivers".
 */
#ifndef CSAT_DRIVERS_H
#define CSAT_DRIVERS_H

#include "csat/common.h"

#include <math.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------ */
/** @name Cross-product accumulator
 * @{ */

/**
 * @brief Weighted means and co-moment matrix of an outcome and p drivers.
 *
 * Opaque; one pass over the rows, mergeable with Chan's pairwise update,
 * serialisable. Create with ::csat_xprod_create, free with ::csat_xprod_free.
 */
typedef struct csat_xprod csat_xprod;

/**
 * @brief Create an empty accumulator for p drivers and one outcome.
 * @param p   Number of drivers, 1 ≤ p ≤ ::CSAT_DRIVERS_MAX.
 * @param out Receives the accumulator; the caller frees it with ::csat_xprod_free.
 * @param err Optional error details, may be NULL.
 * @return ::CSAT_OK, ::CSAT_ERR_NULL, ::CSAT_ERR_ARGUMENT or ::CSAT_ERR_NOMEM.
 */
CSAT_API CSAT_NODISCARD csat_status csat_xprod_create(size_t p, csat_xprod **out, csat_error *err);

/**
 * @brief An independent copy of an accumulator.
 * @param a   Accumulator to copy.
 * @param out Receives the copy; the caller frees it with ::csat_xprod_free.
 * @param err Optional error details, may be NULL.
 * @return ::CSAT_OK, ::CSAT_ERR_NULL or ::CSAT_ERR_NOMEM.
 */
CSAT_API CSAT_NODISCARD csat_status csat_xprod_copy(const csat_xprod *a, csat_xprod **out,
                                                    csat_error *err);

/**
 * @brief Free an accumulator.
 * @param a Accumulator, or NULL (ignored).
 */
CSAT_API void csat_xprod_free(csat_xprod *a);

/**
 * @brief Add n rows: drivers @p x (n × p, leading dimension @p ld), outcome
 *        @p y and optional weights @p w. Rows with a NaN are skipped and counted.
 * @param a   Accumulator (modified only on success).
 * @param x   Drivers, row-major.
 * @param n   Number of rows.
 * @param ld  Leading dimension, ≥ p.
 * @param y   Outcome (n values).
 * @param w   Weights (0 or in [::CSAT_WEIGHT_MIN, ::CSAT_WEIGHT_MAX]) or NULL.
 * @param err Optional error details, may be NULL; `index` is the row,
 *            `column` the driver of an infinite value.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_ARGUMENT (ld < p);
 *         ::CSAT_ERR_RANGE (a value infinite or beyond ±::CSAT_VALUE_MAX);
 *         ::CSAT_ERR_WEIGHT; ::CSAT_ERR_OVERFLOW (row counts or sums);
 *         ::CSAT_ERR_NOMEM.
 */
CSAT_API CSAT_NODISCARD csat_status csat_xprod_add(csat_xprod *a, const double *x, size_t n,
                                                   size_t ld, const double *y, const double *w,
                                                   csat_error *err);

/**
 * @brief Merge @p src into @p dst (same p).
 * @param dst Accumulator receiving the union of both samples.
 * @param src Accumulator to merge (unchanged).
 * @param err Optional error details, may be NULL.
 * @return ::CSAT_OK, ::CSAT_ERR_NULL, ::CSAT_ERR_ARGUMENT (different p),
 *         ::CSAT_ERR_OVERFLOW (row counts or sums; @p dst is then unchanged)
 *         or ::CSAT_ERR_NOMEM.
 */
CSAT_API CSAT_NODISCARD csat_status csat_xprod_merge(csat_xprod *dst, const csat_xprod *src,
                                                     csat_error *err);

/**
 * @brief Number of drivers of an accumulator.
 * @param a   Accumulator.
 * @param p   Receives the number of drivers it was created for.
 * @param err Optional error details, may be NULL.
 * @return ::CSAT_OK or ::CSAT_ERR_NULL.
 */
CSAT_API CSAT_NODISCARD csat_status csat_xprod_drivers(const csat_xprod *a, size_t *p,
                                                       csat_error *err);

/**
 * @brief Sample sizes of an accumulator (complete rows, rows with a NaN).
 * @param a   Accumulator.
 * @param out Receives the counts.
 * @param err Optional error details, may be NULL.
 * @return ::CSAT_OK or ::CSAT_ERR_NULL.
 */
CSAT_API CSAT_NODISCARD csat_status csat_xprod_sample(const csat_xprod *a, csat_sample *out,
                                                      csat_error *err);

/**
 * @brief Write an accumulator to @p buf in a portable little-endian format.
 * @param a   Accumulator.
 * @param buf Destination, or NULL to query the size only.
 * @param cap Capacity of @p buf in bytes.
 * @param len Receives the number of bytes written (or needed).
 * @param err Optional error details, may be NULL.
 * @return ::CSAT_OK, ::CSAT_ERR_NULL, ::CSAT_ERR_ARGUMENT (@p cap too small).
 */
CSAT_API CSAT_NODISCARD csat_status csat_xprod_serialize(const csat_xprod *a, void *buf, size_t cap,
                                                         size_t *len, csat_error *err);

/**
 * @brief Recreate an accumulator written by ::csat_xprod_serialize.
 * @param buf Serialized bytes.
 * @param len Their number.
 * @param out Receives a new accumulator; the caller frees it with ::csat_xprod_free.
 * @param err Optional error details, may be NULL.
 * @return ::CSAT_OK, ::CSAT_ERR_NULL, ::CSAT_ERR_NOMEM or ::CSAT_ERR_FORMAT
 *         (malformed, of format version 1, or a state no accumulator can
 *         reach).
 */
CSAT_API CSAT_NODISCARD csat_status csat_xprod_deserialize(const void *buf, size_t len,
                                                           csat_xprod **out, csat_error *err);

/** @} */

/* ------------------------------------------------------------------------ */
/** @name Fitting
 * @{ */

/** @brief Largest number of drivers a model may have. */
#define CSAT_DRIVERS_MAX 200

/** @brief Options of the fit; see ::CSAT_DRIVERS_OPTIONS_DEFAULT. */
typedef struct csat_drivers_options {
    size_t size; /**< sizeof the struct the caller compiled against; set by the options initialiser (@ref conv_growth). */
    int intercept;  /**< 1 (default) to fit an intercept, 0 for a model through the origin. */
    double level;   /**< Confidence level of the coefficient intervals, in (0, 1 − 1e-12] (default 0.95). */
} csat_drivers_options;

/** @brief Default fit options: with intercept, 95 %. */
#define CSAT_DRIVERS_OPTIONS_DEFAULT { sizeof(csat_drivers_options), 1, 0.95 }

/** @brief A fitted key-driver model (opaque). Free with ::csat_drivers_free. */
typedef struct csat_drivers csat_drivers;

/**
 * @brief Fit the weighted least-squares model y = b0 + Σ b_j x_j + e.
 *
 * Solved by Householder QR of the (centred, scaled, √w-weighted) data with
 * iterative refinement on residuals accumulated in extended precision
 * (doc/methods.md, "Least squares"). The model keeps a copy of the complete
 * rows, so that ::csat_drivers_bootstrap can resample them.
 *
 * @param x   Drivers, row-major n × p.
 * @param n   Number of rows.
 * @param p   Number of drivers, 1 ≤ p ≤ ::CSAT_DRIVERS_MAX.
 * @param ld  Leading dimension, ≥ p.
 * @param y   Outcome (n values).
 * @param w   Weights (0 or in [::CSAT_WEIGHT_MIN, ::CSAT_WEIGHT_MAX]) or NULL.
 * @param opt Options or NULL for ::CSAT_DRIVERS_OPTIONS_DEFAULT.
 * @param out Receives the model; the caller frees it with ::csat_drivers_free.
 * @param err Optional error details, may be NULL. For ::CSAT_ERR_SINGULAR
 *            `column` names the driver that is a linear combination of the
 *            ones before it (or constant).
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_ARGUMENT (p, ld, options);
 *         ::CSAT_ERR_RANGE (infinite value); ::CSAT_ERR_WEIGHT;
 *         ::CSAT_ERR_TOO_FEW (complete rows with positive weight ≤ number
 *         of coefficients); ::CSAT_ERR_SINGULAR (collinear or constant
 *         driver, constant outcome, or a design too ill-conditioned to
 *         solve); ::CSAT_ERR_NOMEM.
 */
CSAT_API CSAT_NODISCARD csat_status csat_drivers_fit(const double *x, size_t n, size_t p, size_t ld,
                                                     const double *y, const double *w,
                                                     const csat_drivers_options *opt,
                                                     csat_drivers **out, csat_error *err);

/**
 * @brief Fit the same model from a (possibly merged) ::csat_xprod.
 *
 * Solves the centred normal equations by the sweep operator: as accurate as
 * the data allow for survey ratings (condition numbers far below 1e8), less
 * so than ::csat_drivers_fit for ill-conditioned designs. The model has no
 * rows, so ::csat_drivers_bootstrap is not available for it.
 * @param a   Accumulator.
 * @param opt Options or NULL.
 * @param out Receives the model; the caller frees it with ::csat_drivers_free.
 * @param err Optional error details, may be NULL.
 * @return As ::csat_drivers_fit.
 */
CSAT_API CSAT_NODISCARD csat_status csat_drivers_fit_xprod(const csat_xprod *a,
                                                           const csat_drivers_options *opt,
                                                           csat_drivers **out, csat_error *err);

/**
 * @brief Free a model.
 * @param m Model, or NULL (ignored).
 */
CSAT_API void csat_drivers_free(csat_drivers *m);

/** @brief Statistics of the whole model. */
typedef struct csat_model_summary {
    size_t size; /**< sizeof the struct the caller compiled against; set by ::CSAT_RESULT_INIT (@ref conv_growth). */
    size_t p;            /**< Number of drivers. */
    int intercept;       /**< 1 if the model has an intercept. */
    double r2;           /**< Coefficient of determination R² (uncentred without intercept). */
    double adj_r2;       /**< Adjusted R². */
    double sigma;        /**< Residual standard deviation √(RSS_w / (n − p − intercept)), n the complete rows of positive weight. */
    double f;            /**< F statistic of the model against the null model; for a model of a design (csat_drivers_fit_design()), the design-based Wald test of all drivers. */
    double f_p;          /**< Its p-value (on df_model and df_resid degrees of freedom). */
    double df_model;     /**< Model degrees of freedom (p). */
    double df_resid;     /**< Residual degrees of freedom (n − p − intercept); for a model of a design, the design's (PSUs − strata + 1 − coefficients, as R's svyglm). */
    double condition;    /**< 2-norm condition number of the centred, scaled driver design, √(λmax/λmin) of the drivers' correlation matrix. */
    double level;        /**< Confidence level of the coefficient intervals. */
    size_t n;            /**< Complete rows used. */
    size_t n_missing;    /**< Rows skipped for a NaN. */
    double n_weighted;   /**< Sum of weights. */
    double n_effective;  /**< Kish effective sample size. */
} csat_model_summary;

/**
 * @brief Statistics of the whole model.
 * @param m   Model.
 * @param out Receives the summary.
 * @param err Optional error details, may be NULL.
 * @return ::CSAT_OK or ::CSAT_ERR_NULL.
 */
CSAT_API CSAT_NODISCARD csat_status csat_drivers_summary(const csat_drivers *m,
                                                         csat_model_summary *out,
                                                         csat_error *err);

/** @brief One coefficient of the model. */
typedef struct csat_coefficient {
    size_t size; /**< sizeof the struct the caller compiled against; set by ::CSAT_RESULT_INIT (@ref conv_growth). */
    double estimate;  /**< The coefficient. */
    double se;        /**< Its standard error. */
    double t;         /**< estimate / se. */
    double p;         /**< Two-sided p-value on df_resid degrees of freedom. */
    double ci_lower;  /**< Lower limit of its t interval. */
    double ci_upper;  /**< Upper limit. */
} csat_coefficient;

/**
 * @brief Coefficient @p j: with an intercept, j = 0 is the intercept and
 *        j = 1..p the drivers; without, j = 0..p−1 are the drivers.
 * @param m   Model.
 * @param j   Term index.
 * @param out Receives the coefficient.
 * @param err Optional error details, may be NULL.
 * @return ::CSAT_OK, ::CSAT_ERR_NULL or ::CSAT_ERR_ARGUMENT (j out of range).
 */
CSAT_API CSAT_NODISCARD csat_status csat_drivers_coefficient(const csat_drivers *m, size_t j,
                                                             csat_coefficient *out,
                                                             csat_error *err);

/** @brief What the model knows of one driver. */
typedef struct csat_driver_info {
    size_t size; /**< sizeof the struct the caller compiled against; set by ::CSAT_RESULT_INIT (@ref conv_growth). */
    double beta;   /**< Standardised coefficient b_j · sd(x_j) / sd(y). */
    double vif;    /**< Variance inflation factor 1 / (1 − R²_j). */
    double r;      /**< Zero-order correlation with the outcome. */
    double mean;   /**< Weighted mean of the driver. */
    double sd;     /**< Weighted standard deviation of the driver. */
} csat_driver_info;

/**
 * @brief Standardised coefficient, VIF, correlation, mean and SD of driver @p j (0-based).
 * @param m   Model.
 * @param j   Driver index, 0 ≤ j < p.
 * @param out Receives the values.
 * @param err Optional error details, may be NULL.
 * @return ::CSAT_OK, ::CSAT_ERR_NULL or ::CSAT_ERR_ARGUMENT.
 */
CSAT_API CSAT_NODISCARD csat_status csat_drivers_driver(const csat_drivers *m, size_t j,
                                                        csat_driver_info *out, csat_error *err);

/** @} */

/* ------------------------------------------------------------------------ */
/** @name Relative importance
 * @{ */

/** @brief Relative-importance measures (doc/methods.md, "Relative importance"). */
typedef enum csat_importance_method {
    CSAT_IMPORTANCE_FIRST = 0,            /**< Squared zero-order correlation r². */
    CSAT_IMPORTANCE_LAST = 1,             /**< Drop in R² when the driver is removed last. */
    CSAT_IMPORTANCE_BETA2 = 2,            /**< Squared standardised coefficient. */
    CSAT_IMPORTANCE_PRATT = 3,            /**< Pratt's measure β·r (sums to R²). */
    CSAT_IMPORTANCE_LMG = 4,              /**< LMG / Shapley value of R² (= general dominance). */
    CSAT_IMPORTANCE_RELATIVE_WEIGHTS = 5  /**< Johnson's relative weights (sum to R²). */
} csat_importance_method;

/** @brief Options of ::csat_drivers_importance; see ::CSAT_IMPORTANCE_OPTIONS_DEFAULT. */
typedef struct csat_importance_options {
    size_t size; /**< sizeof the struct the caller compiled against; set by the options initialiser (@ref conv_growth). */
    size_t exact_max;     /**< Largest p for exact LMG over all 2^p subsets (default 25). */
    size_t permutations;  /**< Random orderings for the Monte Carlo LMG above it (default 20000). */
    uint64_t seed;        /**< Seed of the portable generator (default 1). */
    /**
     * Threads that compute exact LMG, dominance and the Monte Carlo LMG,
     * the calling one included (since 1.2): 0 (the default) one per online
     * core (`sysconf(_SC_NPROCESSORS_ONLN)`), 1 the calling thread alone,
     * without starting any. The threads are started and joined inside the
     * call (no thread outlives it, nothing global is kept); no more are
     * started than the work has blocks (none below 2^13 subsets), nor
     * more than 256, and a thread that cannot be started is done without.
     * Results are bit-identical for every value (doc/methods.md, "Long
     * computations: progress, cancellation and threads").
     */
    unsigned threads;
    /**
     * Progress function, or NULL (the default) (since 1.2); see
     * ::csat_progress_fn. Work units: the 2^p subsets of exact LMG, the
     * orderings of the Monte Carlo LMG, 1 for the other measures; for
     * csat_drivers_dominance() the 2^p subsets and, when the complete
     * dominance matrix is asked for, 2^p more for its comparisons.
     */
    csat_progress_fn progress;
    void *progress_data; /**< Passed to @p progress as its first argument (since 1.2). */
} csat_importance_options;

/**
 * @brief Largest `exact_max` accepted by ::csat_drivers_importance.
 *
 * Exact LMG visits 2^p subsets: about 0.2 s at p = 20 on one core, and a
 * little more than twice that for every further driver (about 6 minutes
 * at p = 30); csat_drivers_work() gives the count before the call, and the
 * threads of csat_importance_options::threads divide the time.
 */
#define CSAT_LMG_EXACT_LIMIT 30

/**
 * @brief Most random orderings accepted for the Monte Carlo LMG.
 *
 * Each ordering costs p sweep steps of O(p²): 10^8 orderings of 30
 * drivers are hours of work, and the Monte Carlo SE shrinks only with the
 * square root of their number.
 */
#define CSAT_LMG_PERMUTATIONS_MAX 100000000u

/** @brief Largest p for ::csat_drivers_dominance. */
#define CSAT_DOMINANCE_MAX 24

/** @brief Default importance options: exact LMG up to 25 drivers, 20000 orderings, seed 1,
 *         every core, no progress function. */
#define CSAT_IMPORTANCE_OPTIONS_DEFAULT { sizeof(csat_importance_options), 25, 20000, 1, 0, NULL, NULL }

/**
 * @brief Importance of each driver by @p method, in driver order.
 *
 * LMG is exact up to `exact_max` drivers (all 2^p subsets visited in
 * Gray-code order, one sweep step each); above it, a Monte Carlo average
 * over random driver orderings whose standard errors go to @p se. Both run
 * on csat_importance_options::threads threads with the same result for
 * every count, and report to csat_importance_options::progress, which may
 * cancel them.
 * @param m      Model. Without an intercept only ::CSAT_IMPORTANCE_FIRST (r²)
 *               and ::CSAT_IMPORTANCE_BETA2 (of the model's own standardised
 *               coefficients) exist; the others decompose a centred R².
 * @param method Measure.
 * @param opt    Options or NULL.
 * @param out    Receives p values.
 * @param se     Receives p Monte Carlo standard errors (0 when exact), or NULL.
 * @param err    Optional error details, may be NULL.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_ARGUMENT (unknown method, a
 *         method that needs an intercept, exact_max above
 *         ::CSAT_LMG_EXACT_LIMIT, fewer than 2 or more than
 *         ::CSAT_LMG_PERMUTATIONS_MAX permutations); ::CSAT_ERR_SINGULAR
 *         (collinear drivers); ::CSAT_ERR_NOMEM; ::CSAT_ERR_CANCELLED (the
 *         progress function asked to stop; @p out and @p se untouched).
 */
CSAT_API CSAT_NODISCARD csat_status csat_drivers_importance(const csat_drivers *m,
                                                            csat_importance_method method,
                                                            const csat_importance_options *opt,
                                                            double *out, double *se,
                                                            csat_error *err);

/**
 * @brief Dominance analysis (Budescu 1993; Azen & Budescu 2003).
 *
 * Visits all 2^p subsets and keeps their R² for the pairwise comparisons
 * of complete dominance: p ≤ ::CSAT_DOMINANCE_MAX (2^24 doubles, 128 MiB).
 * It costs what exact LMG of the same model costs (csat_drivers_work()
 * with ::CSAT_IMPORTANCE_LMG and `exact_max` ≥ p) and, when @p complete is
 * asked for, its comparisons: at most as much again. Its progress counts
 * 2^p units for the subsets and 2^p more for the comparisons.
 * @param m           Model with an intercept.
 * @param opt         Options or NULL: `threads`, `progress` and
 *                    `progress_data` are read (`exact_max`, `permutations`
 *                    and `seed` are not: dominance is always exact).
 * @param general     Receives p general dominance weights (= LMG), or NULL.
 * @param conditional Receives p × p row-major: [j, k] = mean R² gain of
 *                    driver j over the subsets of size k not holding it; or NULL.
 * @param complete    Receives p × p row-major: [i, j] = 1 if i completely
 *                    dominates j, 0 if j dominates i, 0.5 if undetermined
 *                    (diagonal 0.5); or NULL.
 * @param err         Optional error details, may be NULL.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_ARGUMENT (p too large or
 *         no intercept); ::CSAT_ERR_SINGULAR (collinear drivers);
 *         ::CSAT_ERR_NOMEM; ::CSAT_ERR_CANCELLED (the progress function
 *         asked to stop; no output written).
 */
CSAT_API CSAT_NODISCARD csat_status csat_drivers_dominance(const csat_drivers *m,
                                                           const csat_importance_options *opt,
                                                           double *general,
                                                           double *conditional, double *complete,
                                                           csat_error *err);

/** @brief Options of ::csat_drivers_bootstrap; see ::CSAT_BOOTSTRAP_OPTIONS_DEFAULT. */
typedef struct csat_bootstrap_options {
    size_t size; /**< sizeof the struct the caller compiled against; set by the options initialiser (@ref conv_growth). */
    size_t reps;    /**< Bootstrap replicates (default 1000). */
    double level;   /**< Level of the percentile intervals, in (0, 1 − 1e-12] (default 0.95). */
    uint64_t seed;  /**< Seed of the portable generator (default 1); replicate r draws from its own stream of it. */
    /**
     * Threads that compute replicates, the calling one included (since
     * 1.2): 0 (the default) one per online core, 1 the calling thread
     * alone; as csat_importance_options::threads, with bit-identical
     * results for every value.
     */
    unsigned threads;
    /**
     * Progress function, or NULL (the default) (since 1.2); see
     * ::csat_progress_fn. Work units: reps times those of the measure in
     * one replicate (2^p for exact LMG, the orderings of the Monte Carlo
     * LMG, 1 for the other measures), so that a long replicate moves the
     * progress and can be cancelled too.
     */
    csat_progress_fn progress;
    void *progress_data; /**< Passed to @p progress as its first argument (since 1.2). */
    /**
     * Options of the importance measure computed in each replicate, or
     * NULL (the default) for ::CSAT_IMPORTANCE_OPTIONS_DEFAULT (since
     * 1.2). Its `exact_max` and `permutations` are read; its `seed`,
     * `threads` and `progress` are not: the Monte Carlo LMG of a replicate
     * is seeded from the replicate's own stream, and each replicate runs on
     * one thread (the bootstrap's threads share the replicates).
     */
    const csat_importance_options *importance;
} csat_bootstrap_options;

/**
 * @brief Most bootstrap replicates accepted.
 *
 * Each replicate resamples and re-accumulates every row (O(n·p²)) and keeps
 * p doubles: 10^7 replicates of a 1,000-row, 10-driver model are about an
 * hour's work on one core.
 */
#define CSAT_BOOTSTRAP_REPS_MAX 10000000u

/** @brief Default bootstrap options: 1000 replicates, 95 %, seed 1, every core, no progress
 *         function, the default importance options. */
#define CSAT_BOOTSTRAP_OPTIONS_DEFAULT                                                           \
    { sizeof(csat_bootstrap_options), 1000, 0.95, 1, 0, NULL, NULL, NULL }

/**
 * @brief Bootstrap percentile intervals of an importance measure.
 *
 * Rows are resampled with replacement (weights travel with their rows;
 * for a model of a design, csat_drivers_fit_design(), the design's PSUs
 * within strata, with their rows),
 * the model is refitted and the measure recomputed; the same seed gives the
 * same numbers on every platform and for every number of threads: replicate
 * r draws from stream r of the seed. A replicate whose design is singular
 * is drawn again from its own stream (the redraws, summed over the
 * replicates, go to @p failed).
 * @param m      Model from ::csat_drivers_fit.
 * @param method Measure.
 * @param opt    Options or NULL.
 * @param lower  Receives p lower limits.
 * @param upper  Receives p upper limits.
 * @param failed Receives the number of singular replicates redrawn, or NULL.
 * @param err    Optional error details, may be NULL.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_OVERFLOW (reps × p
 *         doubles beyond the address space); ::CSAT_ERR_ARGUMENT (model
 *         without rows, reps < 2 or above ::CSAT_BOOTSTRAP_REPS_MAX, level,
 *         method, the importance options); ::CSAT_ERR_SINGULAR (more
 *         singular redraws, over all replicates, than reps);
 *         ::CSAT_ERR_NOMEM (also when an importance computation inside a
 *         replicate runs out of memory); ::CSAT_ERR_CANCELLED (the progress
 *         function asked to stop; no output written).
 */
CSAT_API CSAT_NODISCARD csat_status csat_drivers_bootstrap(const csat_drivers *m,
                                                           csat_importance_method method,
                                                           const csat_bootstrap_options *opt,
                                                           double *lower, double *upper,
                                                           size_t *failed, csat_error *err);

/** @brief The cost of a relative-importance computation, before it runs (since 1.2). */
typedef struct csat_work {
    size_t size; /**< sizeof the struct the caller compiled against; set by ::CSAT_RESULT_INIT (@ref conv_growth). */
    /** Work units the computation would report as `total` to its progress
     *  function (::csat_progress_fn): 2^p subsets for exact LMG, the
     *  orderings for the Monte Carlo LMG, 1 for the other measures; for a
     *  bootstrap, reps times those of the measure in one replicate. */
    double units;
    /** Floating-point operations per unit, a multiply and an add counted
     *  as two: 2p(p + 1) + p per subset of exact LMG (one sweep step of the
     *  (p + 1)² correlation matrix and the p conditional sums), p(2p(p + 1)
     *  + 4) per ordering (p sweep steps, each gain and its square summed);
     *  estimates for the other measures; for a
     *  bootstrap, a replicate's resampled co-moments (2(p + 1)² + 3(p + 1)
     *  per row) and measure, divided by the units of its measure. */
    double unit_flops;
    double flops; /**< units × unit_flops. At the 5–6 GFLOP/s one x86-64 core sustains in the sweeps, flops / 5e9 is a rough time in seconds on one thread. */
    int exact;    /**< 1 when the measure (for a bootstrap, the measure in each replicate) is computed exactly (exact LMG, every measure but LMG), 0 for the Monte Carlo LMG. */
} csat_work;

/**
 * @brief The cost of ::csat_drivers_importance or ::csat_drivers_bootstrap
 *        with these arguments, without computing anything (since 1.2).
 *
 * So that a caller can warn that an exact LMG at p = 25 will take minutes
 * (2^25 subsets) and suggest the Monte Carlo LMG (a smaller `exact_max`)
 * before starting it. The cost of ::csat_drivers_dominance is that of exact
 * LMG (@p method ::CSAT_IMPORTANCE_LMG with `exact_max` ≥ p) and, with its
 * complete-dominance matrix, up to as much again for the comparisons.
 * The cost does not depend on the threads: they divide the time, not the
 * work.
 * @param m      Model.
 * @param method Measure.
 * @param iopt   Options of ::csat_drivers_importance, or NULL; not read for
 *               a bootstrap (its measure takes csat_bootstrap_options::importance).
 * @param bopt   Options of ::csat_drivers_bootstrap, or NULL for the cost of
 *               ::csat_drivers_importance.
 * @param out    Receives the cost.
 * @param err    Optional error details, may be NULL.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL (@p m or @p out); ::CSAT_ERR_ARGUMENT
 *         (a bad size of @p out or of the options, and every argument error
 *         the computation itself would report: an unknown method, one that
 *         needs an intercept, `exact_max`, `permutations`, reps, level, a
 *         model without rows for a bootstrap); ::CSAT_ERR_OVERFLOW (reps × p
 *         doubles beyond the address space).
 */
CSAT_API CSAT_NODISCARD csat_status csat_drivers_work(const csat_drivers *m,
                                                      csat_importance_method method,
                                                      const csat_importance_options *iopt,
                                                      const csat_bootstrap_options *bopt,
                                                      csat_work *out, csat_error *err);

/** @brief Quadrants of importance–performance analysis. */
typedef enum csat_ipa_quadrant {
    CSAT_IPA_CONCENTRATE_HERE = 0,  /**< Important, performing below the crosshair. */
    CSAT_IPA_KEEP_UP = 1,           /**< Important and performing well ("keep up the good work"). */
    CSAT_IPA_LOW_PRIORITY = 2,      /**< Less important, performing below the crosshair. */
    CSAT_IPA_POSSIBLE_OVERKILL = 3  /**< Less important, performing well. */
} csat_ipa_quadrant;

/** @brief Options of ::csat_drivers_ipa; see ::CSAT_IPA_OPTIONS_DEFAULT. */
typedef struct csat_ipa_options {
    size_t size; /**< sizeof the struct the caller compiled against; set by the options initialiser (@ref conv_growth). */
    double importance_cross;  /**< Importance crosshair; NaN (the default) is the mean over the drivers. */
    double performance_cross; /**< Performance crosshair; NaN (the default) is the mean over the drivers. */
} csat_ipa_options;

/** @brief Default IPA options: both crosshairs at the means. */
#define CSAT_IPA_OPTIONS_DEFAULT { sizeof(csat_ipa_options), NAN, NAN }

/**
 * @brief Importance–performance quadrant of each driver (Martilla & James 1977).
 *
 * A driver is "important" when its importance is at least the importance
 * crosshair and "performing" when its performance is at least the
 * performance crosshair; a NaN crosshair means the mean over the drivers.
 * @param importance       p importance values.
 * @param performance      p performance values (e.g. driver means, ::csat_driver_info).
 * @param p                Number of drivers.
 * @param opt              Options (the crosshairs) or NULL for ::CSAT_IPA_OPTIONS_DEFAULT.
 * @param quadrant         Receives p quadrants.
 * @param err              Optional error details, may be NULL.
 * @return ::CSAT_OK; ::CSAT_ERR_NULL; ::CSAT_ERR_ARGUMENT (p = 0, a
 *         non-finite value).
 */
CSAT_API CSAT_NODISCARD csat_status csat_drivers_ipa(const double *importance, const double *performance,
                                             size_t p, const csat_ipa_options *opt,
                                             csat_ipa_quadrant *quadrant, csat_error *err);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* CSAT_DRIVERS_H */
