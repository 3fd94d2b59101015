/*
 * Expected values for tests/test_score.c. GENERATED FILE, do not edit.
 *
 * Made by tests/reference/make_score_reference.py (which runs
 * tests/reference/make_score_reference.R). To remake it, from the source root:
 *
 *     /usr/bin/python3 tests/reference/make_score_reference.py
 *
 * Sources of the numbers, all independent of libcsat:
 *   NPS Wald (score, shares, SE, interval)   R survey: svymean of the +1/0/-1 code
 *                                             on svydesign(ids = ~1, weights = ~w)
 *   weighted shares, means, SE, SD           R survey: svymean, svyvar, confint(df = n - 1)
 *   unweighted mean SD and t interval        R survey, cross-checked with sd() and t.test()
 *   distributions                            R table() / tapply()
 *   unweighted Wilson intervals              statsmodels proportion_confint(method="wilson")
 *   airline survey (examples/data/airlinesat.csv)
 *                                             R survey, prop.test(correct = FALSE), t.test
 *   weighted Wilson on Kish's n_eff, adjusted-Wald NPS, share SE, n_eff,
 *   composite index item rescaling           numpy evaluations of the formulas in
 *                                             make_score_reference.py (not libcsat code)
 *   Student t quantiles                      R qt, checked with mpmath at 40 digits
 * Missing answers are dropped before a design is built (n = valid answers);
 * zero weights stay in n. svyvar() and degf() count only non-zero weights,
 * so with zero weights the SD is svyvar rescaled to n/(n-1) over all valid
 * answers and the t interval uses df = n - 1 (make_score_reference.R).
 * Values are printed with %.17g.
 *
 * The large data set BIG (n = 2000) is not stored here; the test rebuilds it:
 *   x_i = (37 i + (i*i mod 23)) mod 11, or NaN when i mod 97 == 13
 *   w_i = ((53 i) mod 17) / 4
 */
#ifndef CSAT_SCORE_REFERENCE_H
#define CSAT_SCORE_REFERENCE_H

#include <math.h>
#include <stddef.h>

/* Options and expected result of one NPS. method: 0 Wald, 1 adjusted Wald. */
typedef struct ref_nps {
    int scale_min, scale_max, promoter_min, detractor_max;
    double level;
    int method;
    double score, promoters, passives, detractors, se, ci_lower, ci_upper;
    size_t n, n_missing;
    double n_weighted, n_effective;
} ref_nps;

/* Scale, boxes [box_min, box_max], level and expected share. */
typedef struct ref_share {
    int scale_min, scale_max, box_min, box_max;
    double level;
    double share, score, se, ci_lower, ci_upper;
    size_t n, n_missing;
    double n_weighted, n_effective;
} ref_share;

/* Level and expected mean summary. */
typedef struct ref_mean {
    double level;
    double score, sd, se, ci_lower, ci_upper, df, min, max;
    size_t n, n_missing;
    double n_weighted, n_effective;
} ref_mean;

#define DATA_BIG_N 2000

/* ---- data sets ---- */

static const double DATA_NPS40_X[40] = {
    10, 9, 8, 7, 6, 5, 10, 9, 0, 3, NAN, 8, 9, 10, 7, 2, 6, 9, 10, 4, 8, NAN, 9, 1, 10, 7, 8, 5,
    9, 10, NAN, 6, 9, 10, 8, 3, 9, 7, 10, NAN,
};

static const double DATA_NPS40_W[40] = {
    1, 0.5, 2.25, 1, 0, 1.75, 0.80000000000000004, 1.2, 3, 0.40000000000000002, 1,
    1.1000000000000001, 0, 2, 0.65000000000000002, 1.3, 0.90000000000000002, 1,
    0.29999999999999999, 2.5, 1.45, 0.69999999999999996, 1, 0, 1.6000000000000001,
    0.84999999999999998, 1.1499999999999999, 2.1000000000000001, 0.55000000000000004, 1, 0.75,
    1.3500000000000001, 0.94999999999999996, 1.8, 0.59999999999999998, 1.25, 1.05,
    0.45000000000000001, 2.2000000000000002, 1,
};

static const double DATA_ENPS30_X[30] = {
    8, 10, 3, 7, 9, 6, 5, 8, NAN, 10, 1, 7, 8, 9, 4, 6, 10, 2, 8, 7, NAN, 9, 5, 6, 10, 8, 3, 7,
    9, 6,
};

static const double DATA_ENPS30_W[30] = {
    1.2, 0.80000000000000004, 1, 1.5, 0.59999999999999998, 1.1000000000000001, 2,
    0.90000000000000002, 1, 0.69999999999999996, 1.3, 1, 0, 1.3999999999999999,
    0.94999999999999996, 1.05, 0.5, 1.75, 1, 0.84999999999999998, 1, 1.25, 0.65000000000000002,
    1.1499999999999999, 0.75, 1, 2.2000000000000002, 0.55000000000000004, 1.3500000000000001,
    0.45000000000000001,
};

static const double DATA_CSAT30_X[30] = {
    5, 4, 4, 3, 5, 2, 4, NAN, 1, 5, 4, 3, 4, 5, 5, 2, NAN, 4, 3, 4, 5, 1, 4, 4, 3, 5, NAN, 4, 2,
    5,
};

static const double DATA_CSAT30_W[30] = {
    1, 0.75, 1.5, 2, 0.5, 1.25, 0, 1, 2.5, 0.90000000000000002, 1.1000000000000001,
    0.59999999999999998, 1, 1.3, 0, 1.7, 1, 0.80000000000000004, 1.45, 1, 0.34999999999999998,
    2.1000000000000001, 1.2, 0.94999999999999996, 1, 0.65000000000000002, 1, 1.55, 1.05,
    0.69999999999999996,
};

static const double DATA_CES25_X[25] = {
    7, 6, 5, 3, 6, 7, 2, 5, NAN, 4, 6, 7, 5, 1, 6, 4, 7, 5, 6, NAN, 3, 6, 7, 5, 4,
};

static const double DATA_CES25_W[25] = {
    1.1000000000000001, 0.90000000000000002, 1.3, 0.69999999999999996, 1, 1.6000000000000001,
    0.40000000000000002, 1.2, 1, 0.84999999999999998, 1.05, 2, 0.94999999999999996, 1.5,
    0.59999999999999998, 1.25, 0.80000000000000004, 1, 1.3500000000000001, 1,
    0.55000000000000004, 1.1499999999999999, 0.75, 1.45, 0.65000000000000002,
};

static const double DATA_MEAN20_X[20] = {
    3.5, 12.25, 0.75, 48, 7.5, NAN, 22, 1.25, 15.5, 9, 30.75, NAN, 4, 18.5, 2, 60.25, 11, 6.5,
    27, 0.5,
};

static const double DATA_MEAN20_W[20] = {
    1, 0.5, 2, 0.29999999999999999, 1.2, 1, 0, 1.7, 0.90000000000000002, 1.1000000000000001,
    0.59999999999999998, 1, 1.3999999999999999, 0.80000000000000004, 2.2000000000000002, 0.25,
    1, 1.3, 0.69999999999999996, 1.6000000000000001,
};

/* Composite index: 12 x 3 row-major, item scales and item weights. */
#define DATA_INDEX_N 12
#define DATA_INDEX_K 3

static const double DATA_INDEX_X[36] = {
    4, 6, 8, 5, 7, 9.5, 3, 4, 6, 2, 3, 2.5, 4, NAN, 7, 1, 1, 0, 5, 6, 10, 3, 5, 5.5, 4, 5, 7.5,
    2, 2, 3, 5, 7, 8.5, 3, 6, 6,
};

static const double DATA_INDEX_W[12] = {
    1, 0.80000000000000004, 1.5, 0, 1.2, 2, 0.59999999999999998, 1.1000000000000001,
    0.90000000000000002, 1.3, 0.69999999999999996, 1,
};

static const double DATA_INDEX_MIN[3] = {
    1, 1, 0,
};

static const double DATA_INDEX_MAX[3] = {
    5, 7, 10,
};

static const double DATA_INDEX_V[3] = {
    0.5, 0.29999999999999999, 0.20000000000000001,
};


/* ---- NPS ---- */

static const ref_nps REF_NPS40_WALD = {
    .scale_min = 0,
    .scale_max = 10,
    .promoter_min = 9,
    .detractor_max = 6,
    .level = 0.94999999999999996,
    .method = 0,
    .score = 13.888888888888889,
    .promoters = 0.44444444444444442,
    .passives = 0.25,
    .detractors = 0.30555555555555552,
    .se = 14.44902247354184,
    .ci_lower = -14.430674771062957,
    .ci_upper = 42.208452548840739,
    .n = 36,
    .n_missing = 4,
    .n_weighted = 36,
    .n_effective = 36,
};

static const ref_nps REF_ENPS30_WALD = {
    .scale_min = 1,
    .scale_max = 10,
    .promoter_min = 8,
    .detractor_max = 5,
    .level = 0.90000000000000002,
    .method = 0,
    .score = 21.428571428571427,
    .promoters = 0.46428571428571425,
    .passives = 0.2857142857142857,
    .detractors = 0.25,
    .se = 15.733513969523022,
    .ci_lower = -4.4507560888901763,
    .ci_upper = 47.307898946033013,
    .n = 28,
    .n_missing = 2,
    .n_weighted = 28,
    .n_effective = 28,
};

static const ref_nps REF_BIG_WALD = {
    .scale_min = 0,
    .scale_max = 10,
    .promoter_min = 9,
    .detractor_max = 6,
    .level = 0.98999999999999999,
    .method = 0,
    .score = -45.073269327943407,
    .promoters = 0.18494188984335524,
    .passives = 0.17938352703385549,
    .detractors = 0.63567458312278935,
    .se = 1.766810794938805,
    .ci_lower = -49.624272347373314,
    .ci_upper = -40.522266308513508,
    .n = 1979,
    .n_missing = 21,
    .n_weighted = 1979,
    .n_effective = 1979,
};

static const ref_nps REF_NPS40_ADJ = {
    .scale_min = 0,
    .scale_max = 10,
    .promoter_min = 9,
    .detractor_max = 6,
    .level = 0.94999999999999996,
    .method = 1,
    .score = 13.888888888888889,
    .promoters = 0.44444444444444442,
    .passives = 0.25,
    .detractors = 0.30555555555555552,
    .se = 13.533743923332631,
    .ci_lower = -13.705137845206947,
    .ci_upper = 39.346163486232584,
    .n = 36,
    .n_missing = 4,
    .n_weighted = 36,
    .n_effective = 36,
};

static const ref_nps REF_ENPS30_ADJ = {
    .scale_min = 1,
    .scale_max = 10,
    .promoter_min = 8,
    .detractor_max = 5,
    .level = 0.90000000000000002,
    .method = 1,
    .score = 21.428571428571427,
    .promoters = 0.46428571428571425,
    .passives = 0.2857142857142857,
    .detractors = 0.25,
    .se = 14.547889869701772,
    .ci_lower = -4.5743107069921187,
    .ci_upper = 43.283988126346955,
    .n = 28,
    .n_missing = 2,
    .n_weighted = 28,
    .n_effective = 28,
};

static const ref_nps REF_BIG_ADJ = {
    .scale_min = 0,
    .scale_max = 10,
    .promoter_min = 9,
    .detractor_max = 6,
    .level = 0.98999999999999999,
    .method = 1,
    .score = -45.073269327943407,
    .promoters = 0.18494188984335524,
    .passives = 0.17938352703385549,
    .detractors = 0.63567458312278935,
    .se = 1.7652117721149732,
    .ci_lower = -49.551929618261333,
    .ci_upper = -40.458161199094867,
    .n = 1979,
    .n_missing = 21,
    .n_weighted = 1979,
    .n_effective = 1979,
};

static const ref_nps REF_NPS40_W_WALD = {
    .scale_min = 0,
    .scale_max = 10,
    .promoter_min = 9,
    .detractor_max = 6,
    .level = 0.94999999999999996,
    .method = 0,
    .score = 5.8536585365853666,
    .promoters = 0.4134146341463415,
    .passives = 0.23170731707317072,
    .detractors = 0.35487804878048779,
    .se = 18.006261082579019,
    .ci_lower = -29.437964681494712,
    .ci_upper = 41.14528175466544,
    .n = 36,
    .n_missing = 4,
    .n_weighted = 41,
    .n_effective = 26.045863030678646,
};

static const ref_nps REF_ENPS30_W_WALD = {
    .scale_min = 1,
    .scale_max = 10,
    .promoter_min = 8,
    .detractor_max = 5,
    .level = 0.90000000000000002,
    .method = 0,
    .score = 5.5267702936096716,
    .promoters = 0.39550949913644212,
    .passives = 0.26424870466321243,
    .detractors = 0.34024179620034545,
    .se = 18.735759170372898,
    .ci_lower = -25.2908111314675,
    .ci_upper = 36.344351718686831,
    .n = 28,
    .n_missing = 2,
    .n_weighted = 28.949999999999999,
    .n_effective = 23.327604202908635,
};

static const ref_nps REF_BIG_W_WALD = {
    .scale_min = 0,
    .scale_max = 10,
    .promoter_min = 9,
    .detractor_max = 6,
    .level = 0.98999999999999999,
    .method = 0,
    .score = -44.350961538461533,
    .promoters = 0.18712044534412955,
    .passives = 0.1822494939271255,
    .detractors = 0.63063006072874495,
    .se = 2.0813496493923687,
    .ci_lower = -49.712162956297625,
    .ci_upper = -38.989760120625441,
    .n = 1979,
    .n_missing = 21,
    .n_weighted = 3952,
    .n_effective = 1437.653112415142,
};

static const ref_nps REF_NPS40_W_ADJ = {
    .scale_min = 0,
    .scale_max = 10,
    .promoter_min = 9,
    .detractor_max = 6,
    .level = 0.94999999999999996,
    .method = 1,
    .score = 5.8536585365853666,
    .promoters = 0.4134146341463415,
    .passives = 0.23170731707317072,
    .detractors = 0.35487804878048779,
    .se = 15.93804606087423,
    .ci_lower = -25.988932452988429,
    .ci_upper = 36.487060073519508,
    .n = 36,
    .n_missing = 4,
    .n_weighted = 41,
    .n_effective = 26.045863030678646,
};

static const ref_nps REF_ENPS30_W_ADJ = {
    .scale_min = 1,
    .scale_max = 10,
    .promoter_min = 8,
    .detractor_max = 5,
    .level = 0.90000000000000002,
    .method = 1,
    .score = 5.5267702936096716,
    .promoters = 0.39550949913644212,
    .passives = 0.26424870466321243,
    .detractors = 0.34024179620034545,
    .se = 16.381257253746305,
    .ci_lower = -22.047769186771049,
    .ci_upper = 31.841771628928399,
    .n = 28,
    .n_missing = 2,
    .n_weighted = 28.949999999999999,
    .n_effective = 23.327604202908635,
};

static const ref_nps REF_BIG_W_ADJ = {
    .scale_min = 0,
    .scale_max = 10,
    .promoter_min = 9,
    .detractor_max = 6,
    .level = 0.98999999999999999,
    .method = 1,
    .score = -44.350961538461533,
    .promoters = 0.18712044534412955,
    .passives = 0.1822494939271255,
    .detractors = 0.63063006072874495,
    .se = 2.0765302062964217,
    .ci_lower = -49.607392945072903,
    .ci_upper = -38.909818234907377,
    .n = 1979,
    .n_missing = 21,
    .n_weighted = 3952,
    .n_effective = 1437.653112415142,
};


/* ---- shares (CSAT, boxes, CES low effort) ---- */

static const ref_share REF_CSAT30_CSAT = {
    .scale_min = 1,
    .scale_max = 5,
    .box_min = 4,
    .box_max = 5,
    .level = 0.94999999999999996,
    .share = 0.66666666666666663,
    .score = 66.666666666666657,
    .se = 9.0721842325302902,
    .ci_lower = 47.824760507320072,
    .ci_upper = 81.356738501284354,
    .n = 27,
    .n_missing = 3,
    .n_weighted = 27,
    .n_effective = 27,
};

static const ref_share REF_CSAT30_CSAT99 = {
    .scale_min = 1,
    .scale_max = 5,
    .box_min = 4,
    .box_max = 5,
    .level = 0.98999999999999999,
    .share = 0.66666666666666663,
    .score = 66.666666666666657,
    .se = 9.0721842325302902,
    .ci_lower = 42.185339299728938,
    .ci_upper = 84.572584492213807,
    .n = 27,
    .n_missing = 3,
    .n_weighted = 27,
    .n_effective = 27,
};

static const ref_share REF_CSAT30_BOX24 = {
    .scale_min = 1,
    .scale_max = 5,
    .box_min = 2,
    .box_max = 4,
    .level = 0.94999999999999996,
    .share = 0.62962962962962954,
    .score = 62.962962962962955,
    .se = 9.2934895396182835,
    .ci_lower = 44.229234412102393,
    .ci_upper = 78.467487039034395,
    .n = 27,
    .n_missing = 3,
    .n_weighted = 27,
    .n_effective = 27,
};

static const ref_share REF_CSAT30_TOP1 = {
    .scale_min = 1,
    .scale_max = 5,
    .box_min = 5,
    .box_max = 5,
    .level = 0.94999999999999996,
    .share = 0.29629629629629628,
    .score = 29.629629629629626,
    .se = 8.7877187259516969,
    .ci_lower = 15.853040469779762,
    .ci_upper = 48.480682964148144,
    .n = 27,
    .n_missing = 3,
    .n_weighted = 27,
    .n_effective = 27,
};

static const ref_share REF_CSAT30_TOP2 = {
    .scale_min = 1,
    .scale_max = 5,
    .box_min = 4,
    .box_max = 5,
    .level = 0.94999999999999996,
    .share = 0.66666666666666663,
    .score = 66.666666666666657,
    .se = 9.0721842325302902,
    .ci_lower = 47.824760507320072,
    .ci_upper = 81.356738501284354,
    .n = 27,
    .n_missing = 3,
    .n_weighted = 27,
    .n_effective = 27,
};

static const ref_share REF_CSAT30_BOTTOM1 = {
    .scale_min = 1,
    .scale_max = 5,
    .box_min = 1,
    .box_max = 1,
    .level = 0.94999999999999996,
    .share = 0.07407407407407407,
    .score = 7.4074074074074066,
    .se = 5.0401023514057162,
    .ci_lower = 2.0554654060988624,
    .ci_upper = 23.369592683023143,
    .n = 27,
    .n_missing = 3,
    .n_weighted = 27,
    .n_effective = 27,
};

static const ref_share REF_CSAT30_BOTTOM2 = {
    .scale_min = 1,
    .scale_max = 5,
    .box_min = 1,
    .box_max = 2,
    .level = 0.94999999999999996,
    .share = 0.18518518518518517,
    .score = 18.518518518518519,
    .se = 7.4756798866604734,
    .ci_lower = 8.1807071429765283,
    .ci_upper = 36.698683618548429,
    .n = 27,
    .n_missing = 3,
    .n_weighted = 27,
    .n_effective = 27,
};

static const ref_share REF_CES25_LOW = {
    .scale_min = 1,
    .scale_max = 7,
    .box_min = 5,
    .box_max = 7,
    .level = 0.94999999999999996,
    .share = 0.69565217391304346,
    .score = 69.565217391304344,
    .se = 9.5943875542151389,
    .ci_lower = 49.134243731240794,
    .ci_upper = 84.395975546785976,
    .n = 23,
    .n_missing = 2,
    .n_weighted = 23,
    .n_effective = 23,
};

static const ref_share REF_CES25_LOW6_90 = {
    .scale_min = 1,
    .scale_max = 7,
    .box_min = 6,
    .box_max = 7,
    .level = 0.90000000000000002,
    .share = 0.47826086956521741,
    .score = 47.826086956521742,
    .se = 10.415861863104659,
    .ci_lower = 31.847385200519518,
    .ci_upper = 64.262403329002197,
    .n = 23,
    .n_missing = 2,
    .n_weighted = 23,
    .n_effective = 23,
};

static const ref_share REF_CSAT30_W_CSAT = {
    .scale_min = 1,
    .scale_max = 5,
    .box_min = 4,
    .box_max = 5,
    .level = 0.94999999999999996,
    .share = 0.52768166089965396,
    .score = 52.768166089965398,
    .se = 10.907586854308846,
    .ci_lower = 32.682150486650798,
    .ci_upper = 71.9962643283163,
    .n = 27,
    .n_missing = 3,
    .n_weighted = 28.899999999999999,
    .n_effective = 20.948332079257586,
};

static const ref_share REF_CSAT30_W_CSAT99 = {
    .scale_min = 1,
    .scale_max = 5,
    .box_min = 4,
    .box_max = 5,
    .level = 0.98999999999999999,
    .share = 0.52768166089965396,
    .score = 52.768166089965398,
    .se = 10.907586854308846,
    .ci_lower = 27.608379097168207,
    .ci_upper = 76.596238366239561,
    .n = 27,
    .n_missing = 3,
    .n_weighted = 28.899999999999999,
    .n_effective = 20.948332079257586,
};

static const ref_share REF_CSAT30_W_BOX24 = {
    .scale_min = 1,
    .scale_max = 5,
    .box_min = 2,
    .box_max = 4,
    .level = 0.94999999999999996,
    .share = 0.65397923875432529,
    .score = 65.397923875432525,
    .se = 10.393416574042236,
    .ci_lower = 44.134447811566893,
    .ci_upper = 81.889234596687544,
    .n = 27,
    .n_missing = 3,
    .n_weighted = 28.899999999999999,
    .n_effective = 20.948332079257586,
};

static const ref_share REF_CSAT30_W_TOP1 = {
    .scale_min = 1,
    .scale_max = 5,
    .box_min = 5,
    .box_max = 5,
    .level = 0.94999999999999996,
    .share = 0.18685121107266436,
    .score = 18.685121107266436,
    .se = 8.5164429863932423,
    .ci_lower = 7.4444703666352838,
    .ci_upper = 39.630962039049543,
    .n = 27,
    .n_missing = 3,
    .n_weighted = 28.899999999999999,
    .n_effective = 20.948332079257586,
};

static const ref_share REF_CSAT30_W_TOP2 = {
    .scale_min = 1,
    .scale_max = 5,
    .box_min = 4,
    .box_max = 5,
    .level = 0.94999999999999996,
    .share = 0.52768166089965396,
    .score = 52.768166089965398,
    .se = 10.907586854308846,
    .ci_lower = 32.682150486650798,
    .ci_upper = 71.9962643283163,
    .n = 27,
    .n_missing = 3,
    .n_weighted = 28.899999999999999,
    .n_effective = 20.948332079257586,
};

static const ref_share REF_CSAT30_W_BOTTOM1 = {
    .scale_min = 1,
    .scale_max = 5,
    .box_min = 1,
    .box_max = 1,
    .level = 0.94999999999999996,
    .share = 0.15916955017301038,
    .score = 15.916955017301039,
    .se = 7.9929939630879607,
    .ci_lower = 5.8594512809333841,
    .ci_upper = 36.537566309784353,
    .n = 27,
    .n_missing = 3,
    .n_weighted = 28.899999999999999,
    .n_effective = 20.948332079257586,
};

static const ref_share REF_CSAT30_W_BOTTOM2 = {
    .scale_min = 1,
    .scale_max = 5,
    .box_min = 1,
    .box_max = 2,
    .level = 0.94999999999999996,
    .share = 0.29757785467128028,
    .score = 29.757785467128027,
    .se = 9.9890612682342237,
    .ci_lower = 14.625785627216379,
    .ci_upper = 51.163306038336785,
    .n = 27,
    .n_missing = 3,
    .n_weighted = 28.899999999999999,
    .n_effective = 20.948332079257586,
};

static const ref_share REF_CES25_W_LOW = {
    .scale_min = 1,
    .scale_max = 7,
    .box_min = 5,
    .box_max = 7,
    .level = 0.94999999999999996,
    .share = 0.75518672199170123,
    .score = 75.518672199170126,
    .se = 9.5138046782661316,
    .ci_lower = 53.901365765460639,
    .ci_upper = 89.056896322499256,
    .n = 23,
    .n_missing = 2,
    .n_weighted = 24.100000000000001,
    .n_effective = 20.425883594162123,
};

static const ref_share REF_CES25_W_LOW6_90 = {
    .scale_min = 1,
    .scale_max = 7,
    .box_min = 6,
    .box_max = 7,
    .level = 0.90000000000000002,
    .share = 0.51037344398340245,
    .score = 51.037344398340245,
    .se = 11.060788564138456,
    .ci_lower = 33.819265007632175,
    .ci_upper = 68.012759958518814,
    .n = 23,
    .n_missing = 2,
    .n_weighted = 24.100000000000001,
    .n_effective = 20.425883594162123,
};


/* ---- means (CES effort, mean score, composite index) ---- */

static const ref_mean REF_CES25_EFFORT = {
    .level = 0.94999999999999996,
    .score = 5.0869565217391308,
    .sd = 1.6763879860706163,
    .se = 0.34955105864783415,
    .ci_lower = 4.362031995352047,
    .ci_upper = 5.8118810481262146,
    .df = 22,
    .min = 1,
    .max = 7,
    .n = 23,
    .n_missing = 2,
    .n_weighted = 23,
    .n_effective = 23,
};

static const ref_mean REF_CES25_EFFORT_90 = {
    .level = 0.90000000000000002,
    .score = 5.0869565217391308,
    .sd = 1.6763879860706163,
    .se = 0.34955105864783415,
    .ci_lower = 4.4867268878233437,
    .ci_upper = 5.687186155654917,
    .df = 22,
    .min = 1,
    .max = 7,
    .n = 23,
    .n_missing = 2,
    .n_weighted = 23,
    .n_effective = 23,
};

static const ref_mean REF_CSAT30_MEAN = {
    .level = 0.94999999999999996,
    .score = 3.7037037037037033,
    .sd = 1.2345916426966952,
    .se = 0.23759727241673309,
    .ci_lower = 3.2153155157098583,
    .ci_upper = 4.1920918916975483,
    .df = 26,
    .min = 1,
    .max = 5,
    .n = 27,
    .n_missing = 3,
    .n_weighted = 27,
    .n_effective = 27,
};

static const ref_mean REF_MEAN20 = {
    .level = 0.94999999999999996,
    .score = 15.569444444444445,
    .sd = 16.798066580701281,
    .se = 3.9593422633456665,
    .ci_lower = 7.2159624592639364,
    .ci_upper = 23.922926429624951,
    .df = 17,
    .min = 0.5,
    .max = 60.25,
    .n = 18,
    .n_missing = 2,
    .n_weighted = 18,
    .n_effective = 18,
};

static const ref_mean REF_MEAN20_99 = {
    .level = 0.98999999999999999,
    .score = 15.569444444444445,
    .sd = 16.798066580701281,
    .se = 3.9593422633456665,
    .ci_lower = 4.0943578589673706,
    .ci_upper = 27.044531029921519,
    .df = 17,
    .min = 0.5,
    .max = 60.25,
    .n = 18,
    .n_missing = 2,
    .n_weighted = 18,
    .n_effective = 18,
};

static const ref_mean REF_INDEX_V = {
    .level = 0.94999999999999996,
    .score = 60.272727272727273,
    .sd = 32.688196368386279,
    .se = 9.8558620388541183,
    .ci_lower = 38.312498144139759,
    .ci_upper = 82.232956401314794,
    .df = 10,
    .min = 0,
    .max = 99,
    .n = 11,
    .n_missing = 1,
    .n_weighted = 11,
    .n_effective = 11,
};

static const ref_mean REF_INDEX_EQ = {
    .level = 0.94999999999999996,
    .score = 60.555555555555557,
    .sd = 32.27868616048233,
    .se = 9.7323900654506783,
    .ci_lower = 38.870439128039664,
    .ci_upper = 82.240671983071451,
    .df = 10,
    .min = 0,
    .max = 98.333333333333329,
    .n = 11,
    .n_missing = 1,
    .n_weighted = 11,
    .n_effective = 11,
};

static const ref_mean REF_CES25_W_EFFORT = {
    .level = 0.94999999999999996,
    .score = 5.2531120331950207,
    .sd = 1.6773326156132871,
    .se = 0.38438775137633097,
    .ci_lower = 4.455940627983459,
    .ci_upper = 6.0502834384065824,
    .df = 22,
    .min = 1,
    .max = 7,
    .n = 23,
    .n_missing = 2,
    .n_weighted = 24.100000000000001,
    .n_effective = 20.425883594162123,
};

static const ref_mean REF_CES25_W_EFFORT_90 = {
    .level = 0.90000000000000002,
    .score = 5.2531120331950207,
    .sd = 1.6773326156132871,
    .se = 0.38438775137633097,
    .ci_lower = 4.5930627683384824,
    .ci_upper = 5.9131612980515591,
    .df = 22,
    .min = 1,
    .max = 7,
    .n = 23,
    .n_missing = 2,
    .n_weighted = 24.100000000000001,
    .n_effective = 20.425883594162123,
};

static const ref_mean REF_CSAT30_W_MEAN = {
    .level = 0.94999999999999996,
    .score = 3.257785467128028,
    .sd = 1.3660083372117133,
    .se = 0.32400549920776733,
    .ci_lower = 2.5917826252242824,
    .ci_upper = 3.9237883090317736,
    .df = 26,
    .min = 1,
    .max = 5,
    .n = 27,
    .n_missing = 3,
    .n_weighted = 28.899999999999999,
    .n_effective = 20.948332079257586,
};

static const ref_mean REF_MEAN20_W = {
    .level = 0.94999999999999996,
    .score = 8.5154986522911038,
    .sd = 11.399021519190667,
    .se = 2.2212233737952132,
    .ci_lower = 3.8291269764104872,
    .ci_upper = 13.20187032817172,
    .df = 17,
    .min = 0.5,
    .max = 60.25,
    .n = 18,
    .n_missing = 2,
    .n_weighted = 18.550000000000001,
    .n_effective = 13.604922407828408,
};

static const ref_mean REF_MEAN20_W_99 = {
    .level = 0.98999999999999999,
    .score = 8.5154986522911038,
    .sd = 11.399021519190667,
    .se = 2.2212233737952132,
    .ci_lower = 2.0778812793369754,
    .ci_upper = 14.953116025245233,
    .df = 17,
    .min = 0.5,
    .max = 60.25,
    .n = 18,
    .n_missing = 2,
    .n_weighted = 18.550000000000001,
    .n_effective = 13.604922407828408,
};

static const ref_mean REF_INDEX_V_W = {
    .level = 0.94999999999999996,
    .score = 53.211009174311926,
    .sd = 34.712615884434207,
    .se = 12.456226800471349,
    .ci_lower = 25.456806291029036,
    .ci_upper = 80.965212057594812,
    .df = 10,
    .min = 0,
    .max = 99,
    .n = 11,
    .n_missing = 1,
    .n_weighted = 10.9,
    .n_effective = 8.8334572490706318,
};

static const ref_mean REF_INDEX_EQ_W = {
    .level = 0.94999999999999996,
    .score = 53.644240570846073,
    .sd = 34.518940051655186,
    .se = 12.471724205799735,
    .ci_lower = 25.85550731664603,
    .ci_upper = 81.432973825046119,
    .df = 10,
    .min = 0,
    .max = 98.333333333333329,
    .n = 11,
    .n_missing = 1,
    .n_weighted = 10.9,
    .n_effective = 8.8334572490706318,
};


/* ---- distributions: element i is scale point scale_min + i ---- */

static const double REF_CSAT30_DIST_COUNTS[5] = {
    2, 3, 4, 10, 8,
};

static const double REF_CSAT30_DIST_WEIGHTS[5] = {
    2, 3, 4, 10, 8,
};

static const double REF_CSAT30_DIST_SHARES[5] = {
    0.07407407407407407, 0.1111111111111111, 0.14814814814814814, 0.37037037037037035,
    0.29629629629629628,
};

#define REF_CSAT30_DIST_N 27
#define REF_CSAT30_DIST_N_MISSING 3
#define REF_CSAT30_DIST_N_WEIGHTED 27
#define REF_CSAT30_DIST_N_EFFECTIVE 27

static const double REF_NPS40_DIST_COUNTS[11] = {
    1, 1, 1, 2, 1, 2, 3, 4, 5, 8, 8,
};

static const double REF_NPS40_DIST_WEIGHTS[11] = {
    1, 1, 1, 2, 1, 2, 3, 4, 5, 8, 8,
};

static const double REF_NPS40_DIST_SHARES[11] = {
    0.027777777777777776, 0.027777777777777776, 0.027777777777777776, 0.055555555555555552,
    0.027777777777777776, 0.055555555555555552, 0.083333333333333329, 0.1111111111111111,
    0.1388888888888889, 0.22222222222222221, 0.22222222222222221,
};

#define REF_NPS40_DIST_N 36
#define REF_NPS40_DIST_N_MISSING 4
#define REF_NPS40_DIST_N_WEIGHTED 36
#define REF_NPS40_DIST_N_EFFECTIVE 36

static const double REF_CSAT30_W_DIST_COUNTS[5] = {
    2, 3, 4, 10, 8,
};

static const double REF_CSAT30_W_DIST_WEIGHTS[5] = {
    4.5999999999999996, 4, 5.0499999999999998, 9.8499999999999996, 5.4000000000000004,
};

static const double REF_CSAT30_W_DIST_SHARES[5] = {
    0.15916955017301038, 0.13840830449826991, 0.17474048442906576, 0.34083044982698962,
    0.18685121107266439,
};

#define REF_CSAT30_W_DIST_N 27
#define REF_CSAT30_W_DIST_N_MISSING 3
#define REF_CSAT30_W_DIST_N_WEIGHTED 28.899999999999999
#define REF_CSAT30_W_DIST_N_EFFECTIVE 20.948332079257586

static const double REF_NPS40_W_DIST_COUNTS[11] = {
    1, 1, 1, 2, 1, 2, 3, 4, 5, 8, 8,
};

static const double REF_NPS40_W_DIST_WEIGHTS[11] = {
    3, 0, 1.3, 1.6499999999999999, 2.5, 3.8500000000000001, 2.25, 2.9500000000000002,
    6.5499999999999998, 6.25, 10.700000000000001,
};

static const double REF_NPS40_W_DIST_SHARES[11] = {
    0.073170731707317069, 0, 0.031707317073170732, 0.040243902439024391, 0.06097560975609756,
    0.093902439024390244, 0.054878048780487805, 0.07195121951219513, 0.15975609756097561,
    0.1524390243902439, 0.26097560975609757,
};

#define REF_NPS40_W_DIST_N 36
#define REF_NPS40_W_DIST_N_MISSING 4
#define REF_NPS40_W_DIST_N_WEIGHTED 41
#define REF_NPS40_W_DIST_N_EFFECTIVE 26.045863030678646


/* ---- Oddjob Airways survey: NPS (nps - 1), CSAT = 6-7 of overall_sat 1-7,
 *      mean overall_sat; whole sample and by flight_class ---- */

static const ref_nps REF_AIR_ALL_NPS = {
    .scale_min = 0,
    .scale_max = 10,
    .promoter_min = 9,
    .detractor_max = 6,
    .level = 0.94999999999999996,
    .method = 0,
    .score = -18.122065727699528,
    .promoters = 0.22347417840375586,
    .passives = 0.37183098591549296,
    .detractors = 0.40469483568075115,
    .se = 2.3654151415603462,
    .ci_lower = -22.75819421364352,
    .ci_upper = -13.485937241755538,
    .n = 1065,
    .n_missing = 0,
    .n_weighted = 1065,
    .n_effective = 1065,
};

static const ref_share REF_AIR_ALL_CSAT = {
    .scale_min = 1,
    .scale_max = 7,
    .box_min = 6,
    .box_max = 7,
    .level = 0.94999999999999996,
    .share = 0.13990610328638498,
    .score = 13.990610328638498,
    .se = 1.0629588677161401,
    .ci_lower = 12.036392488474256,
    .ci_upper = 16.203666533350251,
    .n = 1065,
    .n_missing = 0,
    .n_weighted = 1065,
    .n_effective = 1065,
};

static const ref_mean REF_AIR_ALL_MEAN = {
    .level = 0.94999999999999996,
    .score = 3.7399061032863852,
    .sd = 1.619011228990143,
    .se = 0.04961066597037931,
    .ci_lower = 3.6425602500821217,
    .ci_upper = 3.8372519564906487,
    .df = 1064,
    .min = 1,
    .max = 7,
    .n = 1065,
    .n_missing = 0,
    .n_weighted = 1065,
    .n_effective = 1065,
};

static const ref_nps REF_AIR_BUSINESS_NPS = {
    .scale_min = 0,
    .scale_max = 10,
    .promoter_min = 9,
    .detractor_max = 6,
    .level = 0.94999999999999996,
    .method = 0,
    .score = -17.837837837837839,
    .promoters = 0.21081081081081082,
    .passives = 0.40000000000000002,
    .detractors = 0.38918918918918921,
    .se = 5.5569245586372551,
    .ci_lower = -28.729209837572988,
    .ci_upper = -6.9464658381026858,
    .n = 185,
    .n_missing = 0,
    .n_weighted = 185,
    .n_effective = 185,
};

static const ref_share REF_AIR_BUSINESS_CSAT = {
    .scale_min = 1,
    .scale_max = 7,
    .box_min = 6,
    .box_max = 7,
    .level = 0.94999999999999996,
    .share = 0.15675675675675677,
    .score = 15.675675675675677,
    .se = 2.6730292156001365,
    .ci_lower = 11.141631124499481,
    .ci_upper = 21.606187710882903,
    .n = 185,
    .n_missing = 0,
    .n_weighted = 185,
    .n_effective = 185,
};

static const ref_mean REF_AIR_BUSINESS_MEAN = {
    .level = 0.94999999999999996,
    .score = 3.6432432432432433,
    .sd = 1.7074867974122816,
    .se = 0.12553692604896363,
    .ci_lower = 3.3955663522743085,
    .ci_upper = 3.8909201342121782,
    .df = 184,
    .min = 1,
    .max = 7,
    .n = 185,
    .n_missing = 0,
    .n_weighted = 185,
    .n_effective = 185,
};

static const ref_nps REF_AIR_ECONOMY_NPS = {
    .scale_min = 0,
    .scale_max = 10,
    .promoter_min = 9,
    .detractor_max = 6,
    .level = 0.94999999999999996,
    .method = 0,
    .score = -18.612716763005782,
    .promoters = 0.22658959537572257,
    .passives = 0.36069364161849715,
    .detractors = 0.41271676300578036,
    .se = 2.6454517131862159,
    .ci_lower = -23.797706843690548,
    .ci_upper = -13.427726682321017,
    .n = 865,
    .n_missing = 0,
    .n_weighted = 865,
    .n_effective = 865,
};

static const ref_share REF_AIR_ECONOMY_CSAT = {
    .scale_min = 1,
    .scale_max = 7,
    .box_min = 6,
    .box_max = 7,
    .level = 0.94999999999999996,
    .share = 0.13641618497109825,
    .score = 13.641618497109825,
    .se = 1.1670168948805992,
    .ci_lower = 11.514468492054563,
    .ci_upper = 16.090275317735365,
    .n = 865,
    .n_missing = 0,
    .n_weighted = 865,
    .n_effective = 865,
};

static const ref_mean REF_AIR_ECONOMY_MEAN = {
    .level = 0.94999999999999996,
    .score = 3.7549132947976878,
    .sd = 1.6072901116133869,
    .se = 0.054649503304547202,
    .ci_lower = 3.6476519794185696,
    .ci_upper = 3.862174610176806,
    .df = 864,
    .min = 1,
    .max = 7,
    .n = 865,
    .n_missing = 0,
    .n_weighted = 865,
    .n_effective = 865,
};

static const ref_nps REF_AIR_FIRST_NPS = {
    .scale_min = 0,
    .scale_max = 10,
    .promoter_min = 9,
    .detractor_max = 6,
    .level = 0.94999999999999996,
    .method = 0,
    .score = 6.666666666666667,
    .promoters = 0.20000000000000001,
    .passives = 0.66666666666666663,
    .detractors = 0.13333333333333333,
    .se = 15.32712089469627,
    .ci_lower = -23.373938273629346,
    .ci_upper = 36.707271606962678,
    .n = 15,
    .n_missing = 0,
    .n_weighted = 15,
    .n_effective = 15,
};

static const ref_share REF_AIR_FIRST_CSAT = {
    .scale_min = 1,
    .scale_max = 7,
    .box_min = 6,
    .box_max = 7,
    .level = 0.94999999999999996,
    .share = 0.13333333333333333,
    .score = 13.333333333333334,
    .se = 8.7770745147251112,
    .ci_lower = 3.7361259103065363,
    .ci_upper = 37.88198283232235,
    .n = 15,
    .n_missing = 0,
    .n_weighted = 15,
    .n_effective = 15,
};

static const ref_mean REF_AIR_FIRST_MEAN = {
    .level = 0.94999999999999996,
    .score = 4.0666666666666664,
    .sd = 1.0997835284835873,
    .se = 0.28396288601667757,
    .ci_lower = 3.4576268488753756,
    .ci_upper = 4.6757064844579572,
    .df = 14,
    .min = 2,
    .max = 6,
    .n = 15,
    .n_missing = 0,
    .n_weighted = 15,
    .n_effective = 15,
};


#endif /* CSAT_SCORE_REFERENCE_H */
