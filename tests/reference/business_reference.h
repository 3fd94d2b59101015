/*
 * Expected values for tests/test_compare.c and tests/test_business.c.
 * GENERATED FILE, do not edit. Made by tests/reference/make_business_reference.py;
 * to remake it, from the source root:
 *
 *     /usr/bin/python3 tests/reference/make_business_reference.py
 *
 * Sources of the numbers, all independent of libcsat:
 *   NPS vs benchmark, NPS vs NPS      statsmodels DescrStatsW / CompareMeans on the
 *                                     +1/0/-1 code x 100 (ztest_mean, zconfint_mean,
 *                                     ztest_ind, zconfint_diff with usevar="unequal")
 *   share vs benchmark                statsmodels proportions_ztest(prop_var = p0),
 *                                     proportion_confint(method="wilson")
 *   share vs share                    statsmodels confint_proportions_2indep(method=
 *                                     "newcomb"), proportions_ztest (pooled)
 *   mean vs benchmark, mean vs mean   scipy ttest_1samp, ttest_ind(equal_var=False);
 *                                     statsmodels CompareMeans.ttest_ind for Welch's df
 *   adjusted p-values                 statsmodels multipletests (holm, fdr_bh, bonferroni)
 *   trend                             statsmodels WLS(weights = 1/se^2), cov_type="fixed scale"
 *   percentile rank                   scipy percentileofscore(kind="mean")
 *   gap                               scipy ttest_rel on the complete pairs per attribute
 *   Kaplan-Meier, KM medians          R survival::survfit(conf.type = "log-log"),
 *                                     summary()$table, quantile(), summary(times = )
 *   exact Poisson intervals           R poisson.test, checked with scipy chi2.ppf and mpmath
 *   resolution-time quantiles         numpy.quantile (type 7)
 *   retention, churn, CLV, Pareto     hand derivations (see the script), exact fractions
 *   t quantiles, t and z p-values     mpmath at 40 digits, checked against R / scipy
 * Values are printed with %.17g.
 */
#ifndef CSAT_BUSINESS_REFERENCE_H
#define CSAT_BUSINESS_REFERENCE_H

#include <math.h>
#include <stddef.h>

#include "csat.h"

/* ==== Airline survey (examples/data/airlinesat.csv), unweighted ==== */
/* Inputs: NPS (nps - 1 on 0..10, Wald, 95 %), CSAT (overall_sat 6-7 of 1..7),
 * mean overall_sat, for the whole sample and by flight_purpose. */

static const csat_nps_result IN_AIR_ALL_NPS = {
    .size = sizeof(csat_nps_result),
    .score = -18.122065727699528,
    .promoters = 0.22347417840375586,
    .passives = 0.37183098591549302,
    .detractors = 0.40469483568075115,
    .se = 2.3654151415603435,
    .ci_lower = -22.758194213643513,
    .ci_upper = -13.485937241755542,
    .level = 0.94999999999999996,
    .method = CSAT_NPS_WALD,
    .n = 1065,
    .n_missing = 0,
    .n_weighted = 1065,
    .n_effective = 1065,
};

static const csat_share_result IN_AIR_ALL_CSAT = {
    .size = sizeof(csat_share_result),
    .share = 0.13990610328638498,
    .score = 13.990610328638498,
    .se = 1.0629588677161401,
    .ci_lower = 12.036392488474256,
    .ci_upper = 16.203666533350251,
    .level = 0.94999999999999996,
    .box_min = 6,
    .box_max = 7,
    .n = 1065,
    .n_missing = 0,
    .n_weighted = 1065,
    .n_effective = 1065,
};

static const csat_mean_result IN_AIR_ALL_MEAN = {
    .size = sizeof(csat_mean_result),
    .score = 3.7399061032863852,
    .sd = 1.619011228990143,
    .se = 0.049610665970379553,
    .ci_lower = 3.6425602500821213,
    .ci_upper = 3.8372519564906491,
    .level = 0.94999999999999996,
    .df = 1064,
    .min = 1,
    .max = 7,
    .n = 1065,
    .n_missing = 0,
    .n_weighted = 1065,
    .n_effective = 1065,
};

static const csat_nps_result IN_AIR_BUSINESS_NPS = {
    .size = sizeof(csat_nps_result),
    .score = -31.238095238095237,
    .promoters = 0.15238095238095239,
    .passives = 0.38285714285714284,
    .detractors = 0.46476190476190476,
    .se = 3.1488547467718613,
    .ci_lower = -37.409737134316075,
    .ci_upper = -25.0664533418744,
    .level = 0.94999999999999996,
    .method = CSAT_NPS_WALD,
    .n = 525,
    .n_missing = 0,
    .n_weighted = 525,
    .n_effective = 525,
};

static const csat_share_result IN_AIR_BUSINESS_CSAT = {
    .size = sizeof(csat_share_result),
    .share = 0.10666666666666667,
    .score = 10.666666666666668,
    .se = 1.3472291768761746,
    .ci_lower = 8.3059990648958379,
    .ci_upper = 13.598762161468347,
    .level = 0.94999999999999996,
    .box_min = 6,
    .box_max = 7,
    .n = 525,
    .n_missing = 0,
    .n_weighted = 525,
    .n_effective = 525,
};

static const csat_mean_result IN_AIR_BUSINESS_MEAN = {
    .size = sizeof(csat_mean_result),
    .score = 3.4666666666666668,
    .sd = 1.6244004570252113,
    .se = 0.070894648126084689,
    .ci_lower = 3.3273940228773569,
    .ci_upper = 3.6059393104559767,
    .level = 0.94999999999999996,
    .df = 524,
    .min = 1,
    .max = 7,
    .n = 525,
    .n_missing = 0,
    .n_weighted = 525,
    .n_effective = 525,
};

static const csat_nps_result IN_AIR_LEISURE_NPS = {
    .size = sizeof(csat_nps_result),
    .score = -5.3703703703703702,
    .promoters = 0.29259259259259257,
    .passives = 0.36111111111111122,
    .detractors = 0.34629629629629627,
    .se = 3.4350717629547769,
    .ci_lower = -12.102987310072242,
    .ci_upper = 1.3622465693315018,
    .level = 0.94999999999999996,
    .method = CSAT_NPS_WALD,
    .n = 540,
    .n_missing = 0,
    .n_weighted = 540,
    .n_effective = 540,
};

static const csat_share_result IN_AIR_LEISURE_CSAT = {
    .size = sizeof(csat_share_result),
    .share = 0.17222222222222222,
    .score = 17.222222222222221,
    .se = 1.6248175304679469,
    .ci_lower = 14.271998463764943,
    .ci_upper = 20.635501827286848,
    .level = 0.94999999999999996,
    .box_min = 6,
    .box_max = 7,
    .n = 540,
    .n_missing = 0,
    .n_weighted = 540,
    .n_effective = 540,
};

static const csat_mean_result IN_AIR_LEISURE_MEAN = {
    .size = sizeof(csat_mean_result),
    .score = 4.0055555555555555,
    .sd = 1.5702376439582006,
    .se = 0.067572269384867586,
    .ci_lower = 3.8728182814837981,
    .ci_upper = 4.1382928296273125,
    .level = 0.94999999999999996,
    .df = 539,
    .min = 1,
    .max = 7,
    .n = 540,
    .n_missing = 0,
    .n_weighted = 540,
    .n_effective = 540,
};

/* Weighted shares (fractional effective sizes), 90 %. */

static const csat_share_result IN_WSHARE_A = {
    .size = sizeof(csat_share_result),
    .share = 0.64370000000000005,
    .score = 64.370000000000005,
    .se = 9.835215693371083,
    .ci_lower = 47.501036921351378,
    .ci_upper = 78.295343197958772,
    .level = 0.90000000000000002,
    .box_min = 4,
    .box_max = 5,
    .n = 27,
    .n_missing = 3,
    .n_weighted = 26.850000000000001,
    .n_effective = 23.710000000000001,
};

static const csat_share_result IN_WSHARE_B = {
    .size = sizeof(csat_share_result),
    .share = 0.45119999999999999,
    .score = 45.119999999999997,
    .se = 8.8704004313872655,
    .ci_lower = 31.499934276843089,
    .ci_upper = 59.512726563135644,
    .level = 0.90000000000000002,
    .box_min = 4,
    .box_max = 5,
    .n = 36,
    .n_missing = 1,
    .n_weighted = 33.200000000000003,
    .n_effective = 31.469999999999999,
};


/* ==== Benchmarks ==== */

static const csat_comparison REF_NPSB_BUSINESS_30 = {
    .size = sizeof(csat_comparison),
    .diff = -61.238095238095241,
    .se = 3.1488547467718613,
    .ci_lower = -67.40973713431606,
    .ci_upper = -55.066453341874407,
    .statistic = -19.447735815974156,
    .df = INFINITY,
    .p = 3.045864815321288e-84,
    .level = 0.94999999999999996,
};

static const csat_comparison REF_NPSB_LEISURE_M10_90 = {
    .size = sizeof(csat_comparison),
    .diff = 4.6296296296296298,
    .se = 3.4350717629547769,
    .ci_lower = -1.0205606185051188,
    .ci_upper = 10.279819877764378,
    .statistic = 1.3477533947201503,
    .df = INFINITY,
    .p = 0.17773771224760143,
    .level = 0.90000000000000002,
};

static const csat_comparison REF_NPSB_ALL_0_99 = {
    .size = sizeof(csat_comparison),
    .diff = -18.122065727699528,
    .se = 2.3654151415603435,
    .ci_lower = -24.21497136438893,
    .ci_upper = -12.029160091010134,
    .statistic = -7.6612622491903659,
    .df = INFINITY,
    .p = 1.841144611992305e-14,
    .level = 0.98999999999999999,
};

static const csat_comparison REF_SHAREB_BUSINESS_15 = {
    .size = sizeof(csat_comparison),
    .diff = -4.3333333333333321,
    .se = 1.3472291768761746,
    .ci_lower = -6.6940009351041603,
    .ci_upper = -1.4012378385316522,
    .statistic = -2.7806521076522404,
    .df = INFINITY,
    .p = 0.0054249838579836273,
    .level = 0.94999999999999996,
};

static const csat_comparison REF_SHAREB_LEISURE_20_90 = {
    .size = sizeof(csat_comparison),
    .diff = -2.777777777777779,
    .se = 1.6248175304679469,
    .ci_lower = -5.285291279810381,
    .ci_upper = 0.05654905120939524,
    .statistic = -1.6137430609197578,
    .df = INFINITY,
    .p = 0.10658316957488741,
    .level = 0.90000000000000002,
};

static const csat_comparison REF_SHAREB_WSHARE_A_50 = {
    .size = sizeof(csat_comparison),
    .diff = 14.370000000000005,
    .se = 9.835215693371083,
    .ci_lower = -5.6278667882435851,
    .ci_upper = 30.360691443182585,
    .statistic = 1.3994343856001257,
    .df = INFINITY,
    .p = 0.16168276155851227,
    .level = 0.94999999999999996,
};

static const csat_comparison REF_MEANB_BUSINESS_4 = {
    .size = sizeof(csat_comparison),
    .diff = -0.53333333333333321,
    .se = 0.070894648126084689,
    .ci_lower = -0.67260597712264314,
    .ci_upper = -0.39406068954402335,
    .statistic = -7.5228997876512587,
    .df = 524,
    .p = 2.3467636294102579e-13,
    .level = 0.94999999999999996,
};

static const csat_comparison REF_MEANB_LEISURE_3_5_99 = {
    .size = sizeof(csat_comparison),
    .diff = 0.50555555555555554,
    .se = 0.067572269384867586,
    .ci_lower = 0.33088249597537067,
    .ci_upper = 0.6802286151357404,
    .statistic = 7.4817015938312093,
    .df = 539,
    .p = 3.0017764312395705e-13,
    .level = 0.98999999999999999,
};


/* ==== Two independent results ==== */

/* One side without spread (SE 0) against one with spread. */

static const double DATA_NPS_PROM6[6] = {
    9, 10, 10, 9, 10, 9,
};

static const double DATA_NPS_MIX8[8] = {
    0, 5, 7, 9, 10, 10, 3, 8,
};

static const double DATA_MEAN_CONST4[4] = {
    4, 4, 4, 4,
};

static const double DATA_MEAN_MIX5[5] = {
    1, 2, 3, 4, 5,
};

static const csat_comparison REF_NPS_BUSINESS_LEISURE = {
    .size = sizeof(csat_comparison),
    .diff = -25.867724867724867,
    .se = 4.659936076054791,
    .ci_lower = -35.001031747051151,
    .ci_upper = -16.734417988398583,
    .statistic = -5.5510900676614234,
    .df = INFINITY,
    .p = 2.8389376337210408e-08,
    .level = 0.94999999999999996,
};

static const csat_comparison REF_NPS_BUSINESS_ALL = {
    .size = sizeof(csat_comparison),
    .diff = -13.116029510395709,
    .se = 3.9383340396912274,
    .ci_lower = -20.835022387278642,
    .ci_upper = -5.3970366335127711,
    .statistic = -3.3303496804004076,
    .df = INFINITY,
    .p = 0.00086736982074528445,
    .level = 0.94999999999999996,
};

static const csat_comparison REF_NPS_LEISURE_ALL_90 = {
    .size = sizeof(csat_comparison),
    .diff = 12.751695357329158,
    .se = 4.1707201786468699,
    .ci_lower = 5.8914711444821695,
    .ci_upper = 19.611919570176156,
    .statistic = 3.0574324843500467,
    .df = INFINITY,
    .p = 0.0022324192548043831,
    .level = 0.90000000000000002,
};

static const csat_comparison REF_SHARES_BUSINESS_LEISURE = {
    .size = sizeof(csat_comparison),
    .diff = -6.5555555555555545,
    .se = 2.1107009410009776,
    .ci_lower = -10.70564340864982,
    .ci_upper = -2.3961079701661072,
    .statistic = -3.0833297029020206,
    .df = INFINITY,
    .p = 0.0020469823029217547,
    .level = 0.94999999999999996,
};

static const csat_comparison REF_SHARES_LEISURE_ALL_99 = {
    .size = sizeof(csat_comparison),
    .diff = 3.2316118935837244,
    .se = 1.9416265247910931,
    .ci_lower = -1.5711015202781071,
    .ci_upper = 8.4540465650001142,
    .statistic = 1.7095145011322921,
    .df = INFINITY,
    .p = 0.087355687930819534,
    .level = 0.98999999999999999,
};

static const csat_comparison REF_SHARES_WA_WB_90 = {
    .size = sizeof(csat_comparison),
    .diff = 19.250000000000007,
    .se = 13.24445059442966,
    .ci_lower = -2.9245911635367134,
    .ci_upper = 38.728741578553027,
    .statistic = 1.4190097138778708,
    .df = INFINITY,
    .p = 0.15589618408151298,
    .level = 0.90000000000000002,
};

static const csat_comparison REF_SHARES_ALL20_ALL30 = {
    .size = sizeof(csat_comparison),
    .diff = 0,
    .se = 0,
    .ci_lower = -16.112515805281934,
    .ci_upper = 11.35133931739688,
    .statistic = 0,
    .df = INFINITY,
    .p = 1,
    .level = 0.94999999999999996,
};

static const csat_comparison REF_NPS_PROM6_MIX8 = {
    .size = sizeof(csat_comparison),
    .diff = 100,
    .se = 32.732683535398856,
    .ci_lower = 35.845119153271042,
    .ci_upper = 164.15488084672896,
    .statistic = 3.0550504633038935,
    .df = INFINITY,
    .p = 0.0022502265680857917,
    .level = 0.94999999999999996,
};

static const csat_comparison REF_MEANS_CONST4_MIX5 = {
    .size = sizeof(csat_comparison),
    .diff = 1,
    .se = 0.70710678118654757,
    .ci_lower = -0.96324316147755717,
    .ci_upper = 2.963243161477557,
    .statistic = 1.4142135623730949,
    .df = 4,
    .p = 0.23019964108049901,
    .level = 0.94999999999999996,
};

static const csat_comparison REF_MEANS_BUSINESS_LEISURE = {
    .size = sizeof(csat_comparison),
    .diff = -0.53888888888888875,
    .se = 0.097939076587144083,
    .ci_lower = -0.73106560895174977,
    .ci_upper = -0.34671216882602779,
    .statistic = -5.5022868059144603,
    .df = 1058.9193149116784,
    .p = 4.700863921861898e-08,
    .level = 0.94999999999999996,
};

static const csat_comparison REF_MEANS_LEISURE_ALL_90 = {
    .size = sizeof(csat_comparison),
    .diff = 0.26564945226917036,
    .se = 0.083828573695642047,
    .ci_lower = 0.12764884347028169,
    .ci_upper = 0.40365006106805901,
    .statistic = 3.1689606605221363,
    .df = 1112.8799994946376,
    .p = 0.0015715468760215438,
    .level = 0.90000000000000002,
};


/* ==== Adjusted p-values (input order) ==== */

static const double DATA_PVALS10[10] = {
    0.01, 0.040000000000000001, 0.029999999999999999, 0.0050000000000000001,
    0.20000000000000001, 0.040000000000000001, 0.5, 0, 1, 0.012,
};

static const double DATA_PVALS4[4] = {
    0.29999999999999999, 0.45000000000000001, 0.26000000000000001, 0.90000000000000002,
};

static const double REF_PVALS10_HOLM[10] = {
    0.080000000000000002, 0.20000000000000001, 0.17999999999999999, 0.044999999999999998,
    0.60000000000000009, 0.20000000000000001, 1, 0, 1, 0.084000000000000005,
};

static const double REF_PVALS10_BH[10] = {
    0.029999999999999999, 0.057142857142857148, 0.057142857142857148, 0.024999999999999998,
    0.25, 0.057142857142857148, 0.55555555555555558, 0, 1, 0.029999999999999999,
};

static const double REF_PVALS10_BONFERRONI[10] = {
    0.10000000000000001, 0.40000000000000002, 0.29999999999999999, 0.050000000000000003, 1,
    0.40000000000000002, 1, 0, 1, 0.12,
};

static const double REF_PVALS4_HOLM[4] = {
    1, 1, 1, 1,
};

static const double REF_PVALS4_BH[4] = {
    0.59999999999999998, 0.59999999999999998, 0.59999999999999998, 0.90000000000000002,
};

static const double REF_PVALS4_BONFERRONI[4] = {
    1, 1, 1, 1,
};


/* ==== Trend across waves ==== */

static const double DATA_TREND_SCORE[6] = {
    31.199999999999999, 33.5, 30.800000000000001, 36.100000000000001, 38.399999999999999,
    37.899999999999999,
};

static const double DATA_TREND_SE[6] = {
    2.1000000000000001, 2.2999999999999998, 1.8999999999999999, 2.2000000000000002, 2,
    2.3999999999999999,
};

static const double DATA_TREND_TIME[6] = {
    0, 1, 2, 4, 5, 8,
};

/* times 0..5 (NULL), 95 % */

static const csat_trend_result REF_TREND = {
    .size = sizeof(csat_trend_result),
    .slope = 1.5988472742115611,
    .se = 0.52656368608638282,
    .ci_lower = 0.56680141391559613,
    .ci_upper = 2.6308931345075264,
    .z = 3.0363796753528312,
    .p = 0.0023943765291667492,
    .intercept = 30.545277569109935,
    .level = 0.94999999999999996,
    .waves = 6,
};

/* irregular times, 90 % */

static const csat_trend_result REF_TREND_TIME_90 = {
    .size = sizeof(csat_trend_result),
    .slope = 1.0366433872912615,
    .se = 0.34144274052903778,
    .ci_lower = 0.47502005713582329,
    .ci_upper = 1.5982667174466996,
    .z = 3.0360680261793433,
    .p = 0.0023968528134303696,
    .intercept = 31.152361520781731,
    .level = 0.90000000000000002,
    .waves = 6,
};

static const csat_comparison REF_TREND_CHANGES[5] = {
    {
        .size = sizeof(csat_comparison),
        .diff = 2.3000000000000007,
        .se = 3.1144823004794873,
        .ci_lower = -3.8042731394272487,
        .ci_upper = 8.4042731394272501,
        .statistic = 0.73848549392812612,
        .df = INFINITY,
        .p = 0.46021947895577781,
        .level = 0.94999999999999996,
    },
    {
        .size = sizeof(csat_comparison),
        .diff = -2.6999999999999993,
        .se = 2.9832867780352594,
        .ci_lower = -8.5471346405036464,
        .ci_upper = 3.1471346405036469,
        .statistic = -0.90504205625788747,
        .df = INFINITY,
        .p = 0.36544310728327611,
        .level = 0.94999999999999996,
    },
    {
        .size = sizeof(csat_comparison),
        .diff = 5.3000000000000007,
        .se = 2.9068883707497268,
        .ci_lower = -0.39739651374777907,
        .ci_upper = 10.99739651374778,
        .statistic = 1.823255427807521,
        .df = INFINITY,
        .p = 0.06826471365879723,
        .level = 0.94999999999999996,
    },
    {
        .size = sizeof(csat_comparison),
        .diff = 2.2999999999999972,
        .se = 2.9732137494637012,
        .ci_lower = -3.5273918672881521,
        .ci_upper = 8.1273918672881464,
        .statistic = 0.7735737130957584,
        .df = INFINITY,
        .p = 0.43918292210676102,
        .level = 0.94999999999999996,
    },
    {
        .size = sizeof(csat_comparison),
        .diff = -0.5,
        .se = 3.1240998703626617,
        .ci_lower = -6.6231232300170682,
        .ci_upper = 5.6231232300170682,
        .statistic = -0.16004609991611998,
        .df = INFINITY,
        .p = 0.87284475975421361,
        .level = 0.94999999999999996,
    },
};

static const csat_comparison REF_TREND_CHANGES_90[5] = {
    {
        .size = sizeof(csat_comparison),
        .diff = 2.3000000000000007,
        .se = 3.1144823004794873,
        .ci_lower = -2.8228675080198506,
        .ci_upper = 7.4228675080198521,
        .statistic = 0.73848549392812612,
        .df = INFINITY,
        .p = 0.46021947895577781,
        .level = 0.90000000000000002,
    },
    {
        .size = sizeof(csat_comparison),
        .diff = -2.6999999999999993,
        .se = 2.9832867780352594,
        .ci_lower = -7.6070700770876689,
        .ci_upper = 2.2070700770876703,
        .statistic = -0.90504205625788747,
        .df = INFINITY,
        .p = 0.36544310728327611,
        .level = 0.90000000000000002,
    },
    {
        .size = sizeof(csat_comparison),
        .diff = 5.3000000000000007,
        .se = 2.9068883707497268,
        .ci_lower = 0.51859412022925522,
        .ci_upper = 10.081405879770745,
        .statistic = 1.823255427807521,
        .df = INFINITY,
        .p = 0.06826471365879723,
        .level = 0.90000000000000002,
    },
    {
        .size = sizeof(csat_comparison),
        .diff = 2.2999999999999972,
        .se = 2.9732137494637012,
        .ci_lower = -2.5905014195073592,
        .ci_upper = 7.1905014195073536,
        .statistic = 0.7735737130957584,
        .df = INFINITY,
        .p = 0.43918292210676102,
        .level = 0.90000000000000002,
    },
    {
        .size = sizeof(csat_comparison),
        .diff = -0.5,
        .se = 3.1240998703626617,
        .ci_lower = -5.6386870027246498,
        .ci_upper = 4.6386870027246498,
        .statistic = -0.16004609991611998,
        .df = INFINITY,
        .p = 0.87284475975421361,
        .level = 0.90000000000000002,
    },
};


/* ==== Percentile rank ==== */

static const double DATA_PEERS[10] = {
    52, 25, 40, 12, 75, 40, 31, 60, 25, 40,
};

static const double DATA_RANK_SCORES[6] = {
    40, 41, 12, 5, 80, 75,
};

static const csat_rank_result REF_RANKS[6] = {
    {
        .size = sizeof(csat_rank_result),
        .percentile = 55,
        .rank = 4,
        .of = 11,
        .below = 4,
        .equal = 3,
    },
    {
        .size = sizeof(csat_rank_result),
        .percentile = 70,
        .rank = 4,
        .of = 11,
        .below = 7,
        .equal = 0,
    },
    {
        .size = sizeof(csat_rank_result),
        .percentile = 5,
        .rank = 10,
        .of = 11,
        .below = 0,
        .equal = 1,
    },
    {
        .size = sizeof(csat_rank_result),
        .percentile = 0,
        .rank = 11,
        .of = 11,
        .below = 0,
        .equal = 0,
    },
    {
        .size = sizeof(csat_rank_result),
        .percentile = 100,
        .rank = 1,
        .of = 11,
        .below = 10,
        .equal = 0,
    },
    {
        .size = sizeof(csat_rank_result),
        .percentile = 95,
        .rank = 1,
        .of = 11,
        .below = 9,
        .equal = 1,
    },
};


/* ==== Expectation-perception gap ==== */

#define DATA_GAP_N 10
#define DATA_GAP_K 3

static const double DATA_GAP_E[30] = {
    6, 5, 7, 7, NAN, 6, 5, 4, 6, 6, 6, NAN, 7, 5, 7, NAN, 3, 5, 6, 4, 6, 5, 5, 7, 7, 6, 6, 6, 4,
    5,
};

static const double DATA_GAP_P[30] = {
    5, 5, 6, 6, 4, 6, NAN, 4, 4, 4, 5, 5, 6, 6, NAN, 5, 2, 5, 6, 5, 4, 4, 5, 6, 6, 4, NAN, 5, 4,
    5.5,
};

static const csat_comparison REF_GAP[3] = {
    {
        .size = sizeof(csat_comparison),
        .diff = -1,
        .se = 0.1889822365046136,
        .ci_lower = -1.4468719795590526,
        .ci_upper = -0.55312802044094744,
        .statistic = -5.2915026221291814,
        .df = 7,
        .p = 0.001133783103359645,
        .level = 0.94999999999999996,
    },
    {
        .size = sizeof(csat_comparison),
        .diff = -0.22222222222222221,
        .se = 0.32394177193585005,
        .ci_lower = -0.96923328787165741,
        .ci_upper = 0.52478884342721299,
        .statistic = -0.68599434057003528,
        .df = 8,
        .p = 0.51210349470405658,
        .level = 0.94999999999999996,
    },
    {
        .size = sizeof(csat_comparison),
        .diff = -0.7857142857142857,
        .se = 0.37570794852522615,
        .ci_lower = -1.7050385175300256,
        .ci_upper = 0.13360994610145427,
        .statistic = -2.091290026730777,
        .df = 6,
        .p = 0.081452828201439537,
        .level = 0.94999999999999996,
    },
};

static const size_t REF_GAP_PAIRS[3] = {
    8, 9, 7,
};

static const csat_comparison REF_GAP_80[3] = {
    {
        .size = sizeof(csat_comparison),
        .diff = -1,
        .se = 0.1889822365046136,
        .ci_lower = -1.2673954883312852,
        .ci_upper = -0.73260451166871476,
        .statistic = -5.2915026221291814,
        .df = 7,
        .p = 0.001133783103359645,
        .level = 0.80000000000000004,
    },
    {
        .size = sizeof(csat_comparison),
        .diff = -0.22222222222222221,
        .se = 0.32394177193585005,
        .ci_lower = -0.67470904872777304,
        .ci_upper = 0.23026460428332862,
        .statistic = -0.68599434057003528,
        .df = 8,
        .p = 0.51210349470405658,
        .level = 0.80000000000000004,
    },
    {
        .size = sizeof(csat_comparison),
        .diff = -0.7857142857142857,
        .se = 0.37570794852522615,
        .ci_lower = -1.3266419638966787,
        .ci_upper = -0.24478660753189274,
        .statistic = -2.091290026730777,
        .df = 6,
        .p = 0.081452828201439537,
        .level = 0.80000000000000004,
    },
};

/* Airline: perceived s1..s23 minus expected e1..e23, 95 %. */

static const csat_comparison REF_AIR_GAP[23] = {
    {
        .size = sizeof(csat_comparison),
        .diff = -25.170520231213874,
        .se = 0.8451781017918909,
        .ci_lower = -26.828974545408531,
        .ci_upper = -23.512065917019218,
        .statistic = -29.781320857519848,
        .df = 1037,
        .p = 2.4609460254810838e-141,
        .level = 0.94999999999999996,
    },
    {
        .size = sizeof(csat_comparison),
        .diff = -26.830769230769231,
        .se = 0.83413549029073186,
        .ci_lower = -28.467551452155483,
        .ci_upper = -25.19398700938298,
        .statistic = -32.165960498117116,
        .df = 1039,
        .p = 4.2844559144343452e-158,
        .level = 0.94999999999999996,
    },
    {
        .size = sizeof(csat_comparison),
        .diff = -28.411949685534591,
        .se = 0.87660123371268917,
        .ci_lower = -30.132241353594484,
        .ci_upper = -26.691658017474698,
        .statistic = -32.411487222303819,
        .df = 953,
        .p = 6.1198744710611131e-156,
        .level = 0.94999999999999996,
    },
    {
        .size = sizeof(csat_comparison),
        .diff = -30.213526570048309,
        .se = 0.91794147670571458,
        .ci_lower = -32.014767231818524,
        .ci_upper = -28.412285908278093,
        .statistic = -32.914436635413686,
        .df = 1034,
        .p = 4.0825186490796084e-163,
        .level = 0.94999999999999996,
    },
    {
        .size = sizeof(csat_comparison),
        .diff = -20.95196926032661,
        .se = 0.76076087624461952,
        .ci_lower = -22.444770483996603,
        .ci_upper = -19.459168036656617,
        .statistic = -27.54080804437897,
        .df = 1040,
        .p = 7.6669514597131129e-126,
        .level = 0.94999999999999996,
    },
    {
        .size = sizeof(csat_comparison),
        .diff = -22.50624399615754,
        .se = 0.78255723045478653,
        .ci_lower = -24.041815064140636,
        .ci_upper = -20.970672928174444,
        .statistic = -28.759869719787698,
        .df = 1040,
        .p = 2.6070587631906991e-134,
        .level = 0.94999999999999996,
    },
    {
        .size = sizeof(csat_comparison),
        .diff = -28.557251908396946,
        .se = 0.88579167521942404,
        .ci_lower = -30.295380981024461,
        .ci_upper = -26.819122835769431,
        .statistic = -32.239241694524708,
        .df = 1047,
        .p = 6.0761114571791303e-159,
        .level = 0.94999999999999996,
    },
    {
        .size = sizeof(csat_comparison),
        .diff = -20.871373307543521,
        .se = 0.74460874444690717,
        .ci_lower = -22.332491584900875,
        .ci_upper = -19.410255030186168,
        .statistic = -28.029986839661287,
        .df = 1033,
        .p = 4.9563494403263357e-129,
        .level = 0.94999999999999996,
    },
    {
        .size = sizeof(csat_comparison),
        .diff = -15.565637065637066,
        .se = 0.61192836410352192,
        .ci_lower = -16.766398804238481,
        .ci_upper = -14.36487532703565,
        .statistic = -25.437024950527995,
        .df = 1035,
        .p = 2.8985875836459899e-111,
        .level = 0.94999999999999996,
    },
    {
        .size = sizeof(csat_comparison),
        .diff = -19.861463414634148,
        .se = 0.69710743266727004,
        .ci_lower = -21.229385722771706,
        .ci_upper = -18.49354110649659,
        .statistic = -28.491251827053809,
        .df = 1024,
        .p = 5.945943061789464e-132,
        .level = 0.94999999999999996,
    },
    {
        .size = sizeof(csat_comparison),
        .diff = -20.088995215311005,
        .se = 0.69122845213020145,
        .ci_lower = -21.445350549945374,
        .ci_upper = -18.732639880676636,
        .statistic = -29.06274351612916,
        .df = 1044,
        .p = 1.5070636640073127e-136,
        .level = 0.94999999999999996,
    },
    {
        .size = sizeof(csat_comparison),
        .diff = -8.7987987987987992,
        .se = 0.66041208243505045,
        .ci_lower = -10.094754384732134,
        .ci_upper = -7.5028432128654634,
        .statistic = -13.323194764026951,
        .df = 998,
        .p = 2.1578527106449446e-37,
        .level = 0.94999999999999996,
    },
    {
        .size = sizeof(csat_comparison),
        .diff = -20.032977691561591,
        .se = 0.73831323779840619,
        .ci_lower = -21.481747478242099,
        .ci_upper = -18.584207904881083,
        .statistic = -27.133439664847948,
        .df = 1030,
        .p = 9.2789231186723502e-123,
        .level = 0.94999999999999996,
    },
    {
        .size = sizeof(csat_comparison),
        .diff = -25.53893442622951,
        .se = 0.88312047081045775,
        .ci_lower = -27.2719700868034,
        .ci_upper = -23.80589876565562,
        .statistic = -28.918970027715368,
        .df = 975,
        .p = 2.7749890306038632e-133,
        .level = 0.94999999999999996,
    },
    {
        .size = sizeof(csat_comparison),
        .diff = -20.700772200772199,
        .se = 0.83744842579956624,
        .ci_lower = -22.344062635961095,
        .ci_upper = -19.057481765583304,
        .statistic = -24.718862156804256,
        .df = 1035,
        .p = 2.1628055865438678e-106,
        .level = 0.94999999999999996,
    },
    {
        .size = sizeof(csat_comparison),
        .diff = -14.193768257059396,
        .se = 0.86877378795572813,
        .ci_lower = -15.898544663458365,
        .ci_upper = -12.488991850660428,
        .statistic = -16.337703155683485,
        .df = 1026,
        .p = 1.6576409144323304e-53,
        .level = 0.94999999999999996,
    },
    {
        .size = sizeof(csat_comparison),
        .diff = -20.021133525456293,
        .se = 0.76417219972807815,
        .ci_lower = -21.520628610534587,
        .ci_upper = -18.521638440377998,
        .statistic = -26.199766927638279,
        .df = 1040,
        .p = 1.3587074418071931e-116,
        .level = 0.94999999999999996,
    },
    {
        .size = sizeof(csat_comparison),
        .diff = -23.270793036750483,
        .se = 0.804540723827463,
        .ci_lower = -24.849513626898535,
        .ci_upper = -21.692072446602431,
        .statistic = -28.924319611869642,
        .df = 1033,
        .p = 3.1012922135007428e-135,
        .level = 0.94999999999999996,
    },
    {
        .size = sizeof(csat_comparison),
        .diff = -16.459032576505429,
        .se = 0.76134869045352882,
        .ci_lower = -17.953035398680868,
        .ci_upper = -14.96502975432999,
        .statistic = -21.618258207945331,
        .df = 1012,
        .p = 1.6372528996935345e-85,
        .level = 0.94999999999999996,
    },
    {
        .size = sizeof(csat_comparison),
        .diff = -19.118446601941748,
        .se = 0.74697887531810137,
        .ci_lower = -20.584222383434071,
        .ci_upper = -17.652670820449426,
        .statistic = -25.594360474786047,
        .df = 1029,
        .p = 3.3515932236355531e-112,
        .level = 0.94999999999999996,
    },
    {
        .size = sizeof(csat_comparison),
        .diff = -21.423151750972764,
        .se = 0.76906774444485204,
        .ci_lower = -22.932275364155181,
        .ci_upper = -19.914028137790346,
        .statistic = -27.856000860414401,
        .df = 1027,
        .p = 1.1790404295471574e-127,
        .level = 0.94999999999999996,
    },
    {
        .size = sizeof(csat_comparison),
        .diff = -13.108695652173912,
        .se = 0.75923506398412455,
        .ci_lower = -14.598552646659751,
        .ci_upper = -11.618838657688073,
        .statistic = -17.265661550699946,
        .df = 1011,
        .p = 9.7892926475830221e-59,
        .level = 0.94999999999999996,
    },
    {
        .size = sizeof(csat_comparison),
        .diff = -27.898591549295773,
        .se = 0.83668483862906851,
        .ci_lower = -29.540331241483088,
        .ci_upper = -26.256851857108458,
        .statistic = -33.34420591988782,
        .df = 1064,
        .p = 1.7766162667070494e-167,
        .level = 0.94999999999999996,
    },
};

static const size_t REF_AIR_GAP_PAIRS[23] = {
    1038, 1040, 954, 1035, 1041, 1041, 1048, 1034, 1036, 1025, 1045, 999, 1031, 976, 1036, 1027,
    1041, 1034, 1013, 1030, 1028, 1012, 1065,
};

/* The 23 airline gap p-values adjusted (statsmodels multipletests). */

static const double REF_AIR_GAP_P_HOLM[23] = {
    4.429702845865951e-140, 8.5689118288686907e-157, 1.1627761495016115e-154,
    8.9815410279751384e-162, 7.6669514597131123e-125, 3.9105881447860485e-133,
    1.2759834060076174e-157, 5.9476193283916031e-128, 1.739152550187594e-110,
    7.7297259803263036e-131, 2.5620082288124315e-135, 2.1578527106449446e-37,
    8.3510308068051156e-122, 3.8849846428454085e-132, 1.081402793271934e-105,
    3.3152818288646607e-53, 1.0869659534457545e-115, 4.9620675416011885e-134,
    6.549011598774138e-85, 2.3461152565448872e-111, 1.2969444725018732e-126,
    2.9367877942749066e-58, 4.0862174134262138e-166,
};

static const double REF_AIR_GAP_P_BH[23] = {
    9.4336264310108212e-141, 2.4635621507997486e-157, 2.815142256688112e-155,
    4.6948964464415496e-162, 1.2595705969528684e-125, 6.6624835059317859e-134,
    4.6583521171706663e-158, 9.4996697606254771e-129, 3.7037508013254316e-111,
    1.2432426401923425e-131, 4.9517806103097413e-136, 2.1578527106449446e-37,
    1.4227682115297604e-122, 6.3824747703888859e-133, 2.61813307844784e-106,
    1.7329882287247089e-53, 1.9531419475978401e-116, 8.9162151138146363e-135,
    1.8828408346475646e-85, 4.5345084790363368e-112, 2.0859946061218938e-127,
    1.0721606233067121e-58, 4.0862174134262138e-166,
};

static const double REF_AIR_GAP_P_BONFERRONI[23] = {
    5.6601758586064932e-140, 9.8542486031989945e-157, 1.4075711283440561e-154,
    9.3897928928830992e-162, 1.763398835734016e-124, 5.9962351553386078e-133,
    1.3975056351512e-157, 1.1399603712750573e-127, 6.6667514423857772e-110,
    1.3675669042115766e-130, 3.4662464272168193e-135, 4.9630612344833727e-36,
    2.1341523172946404e-121, 6.3824747703888854e-132, 4.9744528490508963e-105,
    3.8125741031943598e-52, 3.1250271161565442e-115, 7.132972091051708e-134,
    3.7656816692951294e-84, 7.7086644143617726e-111, 2.7117929879584621e-126,
    2.251537308944095e-57, 4.0862174134262138e-166,
};


/* ==== Retention and churn ==== */

static const csat_retention_result REF_RETENTION[5] = {
    {
        .size = sizeof(csat_retention_result),
        .retention = 0.90000000000000002,
        .churn = 0.10000000000000001,
        .at_start = 1000,
        .at_end = 1050,
        .acquired = 150,
        .lost = 100,
    },
    {
        .size = sizeof(csat_retention_result),
        .retention = 0.92000000000000004,
        .churn = 0.080000000000000002,
        .at_start = 250,
        .at_end = 230,
        .acquired = 0,
        .lost = 20,
    },
    {
        .size = sizeof(csat_retention_result),
        .retention = 0,
        .churn = 1,
        .at_start = 80,
        .at_end = 80,
        .acquired = 80,
        .lost = 80,
    },
    {
        .size = sizeof(csat_retention_result),
        .retention = 1,
        .churn = 0,
        .at_start = 100,
        .at_end = 130,
        .acquired = 30,
        .lost = 0,
    },
    {
        .size = sizeof(csat_retention_result),
        .retention = 0.7142857142857143,
        .churn = 0.2857142857142857,
        .at_start = 7,
        .at_end = 5.5,
        .acquired = 0.5,
        .lost = 2,
    },
};

#define DATA_CHURN_N 12
#define DATA_CHURN_T0 10
#define DATA_CHURN_T1 20

static const double DATA_CHURN_START[12] = {
    0, 2, 5, 8, 10, 10, 12, 15, 18, 20, 21, 3,
};

static const double DATA_CHURN_END[12] = {
    NAN, 9, 14, 20, NAN, 10, NAN, 19, NAN, 25, NAN, 10.5,
};

static const csat_retention_result REF_CHURN_PERIOD = {
    .size = sizeof(csat_retention_result),
    .retention = 0.40000000000000002,
    .churn = 0.59999999999999998,
    .at_start = 5,
    .at_end = 5,
    .acquired = 4,
    .lost = 3,
};

/* churn_convert: {churn, k, expected} */

static const double REF_CHURN_CONVERT[6][3] = {
    {0.02, 12, 0.21528327626519997},
    {0.20000000000000001, 0.083333333333333329, 0.018423470126248325},
    {0.050000000000000003, 2, 0.097500000000000003},
    {0, 12, 0},
    {1, 0.25, 1},
    {0.29999999999999999, 1, 0.29999999999999999},
};

/* clv: {margin, retention, discount, timing, horizon, expected} */

static const double REF_CLV[13][6] = {
    {100, 0.80000000000000004, 0.10000000000000001, 0, 3, 225.61983471074382},
    {100, 0.80000000000000004, 0.10000000000000001, 1, 3, 164.08715251690461},
    {100, 0.80000000000000004, 0.10000000000000001, 0, INFINITY, 366.66666666666674},
    {100, 0.80000000000000004, 0.10000000000000001, 1, INFINITY, 266.66666666666674},
    {50, 1, 0, 0, 4, 200},
    {50, 1, 0, 1, 4, 200},
    {100, 0.80000000000000004, 0.10000000000000001, 0, 0, 0},
    {100, 0.80000000000000004, 0.10000000000000001, 1, 0, 0},
    {250, 0.90000000000000002, 0.01, 0, 12, 1720.1175180102719},
    {250, 0.90000000000000002, 0.01, 1, 12, 1532.7779863457868},
    {250, 0.90000000000000002, 0.01, 0, INFINITY, 2295.454545454546},
    {250, 0.90000000000000002, 0.01, 1, INFINITY, 2045.454545454546},
    {-40, 0.5, 0.20000000000000001, 1, 5, -28.212609310699587},
};


/* ==== Kaplan-Meier (steps: times with at least one event) ==== */

#define DATA_KM_A_N 25
#define DATA_KM_A_LEVEL 0.94999999999999996

static const double DATA_KM_A_TIME[25] = {
    3, 5, 5, 7, 8, 8, 8, 10, 12, 12, 12, 14, 15, 17, 18, 20, 22, 24, 24, 27, 30, 33, 36, NAN, 9,
};

static const double DATA_KM_A_OBS[25] = {
    1, 1, 0, 1, 1, 1, 0, 0, 1, 1, 0, 1, 0, 1, 1, 0, 1, 1, 0, 0, 1, 0, 0, 1, NAN,
};

static const double DATA_KM_A_AT[10] = {
    0, 2.8999999999999999, 3, 4, 8, 11.5, 24, 30, 36, 100,
};

static const csat_survival_point REF_KM_A_STEPS[11] = {
    {
        .size = sizeof(csat_survival_point),
        .time = 3,
        .n_risk = 23,
        .n_event = 1,
        .n_censor = 0,
        .survival = 0.95652173913043481,
        .se = 0.042522577993202242,
        .ci_lower = 0.72933861453413518,
        .ci_upper = 0.99375893661875281,
    },
    {
        .size = sizeof(csat_survival_point),
        .time = 5,
        .n_risk = 22,
        .n_event = 1,
        .n_censor = 1,
        .survival = 0.91304347826086962,
        .se = 0.058753384755841416,
        .ci_lower = 0.69494753753205851,
        .ci_upper = 0.97751566990071348,
    },
    {
        .size = sizeof(csat_survival_point),
        .time = 7,
        .n_risk = 20,
        .n_event = 1,
        .n_censor = 0,
        .survival = 0.86739130434782608,
        .se = 0.071381433388726809,
        .ci_lower = 0.64271008871353807,
        .ci_upper = 0.95524826095718274,
    },
    {
        .size = sizeof(csat_survival_point),
        .time = 8,
        .n_risk = 19,
        .n_event = 2,
        .n_censor = 1,
        .survival = 0.77608695652173909,
        .se = 0.088365998923566988,
        .ci_lower = 0.54261165048691884,
        .ci_upper = 0.90022940717201161,
    },
    {
        .size = sizeof(csat_survival_point),
        .time = 12,
        .n_risk = 15,
        .n_event = 2,
        .n_censor = 1,
        .survival = 0.67260869565217385,
        .se = 0.10249445690141096,
        .ci_lower = 0.43077201327359449,
        .ci_upper = 0.82964281421861064,
    },
    {
        .size = sizeof(csat_survival_point),
        .time = 14,
        .n_risk = 12,
        .n_event = 1,
        .n_censor = 0,
        .survival = 0.61655797101449272,
        .se = 0.1081993084362317,
        .ci_lower = 0.37349366955608682,
        .ci_upper = 0.78862178253187232,
    },
    {
        .size = sizeof(csat_survival_point),
        .time = 17,
        .n_risk = 10,
        .n_event = 1,
        .n_censor = 0,
        .survival = 0.55490217391304342,
        .se = 0.1135959363926254,
        .ci_lower = 0.31223624157755481,
        .ci_upper = 0.74229663926659728,
    },
    {
        .size = sizeof(csat_survival_point),
        .time = 18,
        .n_risk = 9,
        .n_event = 1,
        .n_censor = 0,
        .survival = 0.49324637681159411,
        .se = 0.11651110473870958,
        .ci_lower = 0.25648547731835969,
        .ci_upper = 0.69274862993991893,
    },
    {
        .size = sizeof(csat_survival_point),
        .time = 22,
        .n_risk = 7,
        .n_event = 1,
        .n_censor = 0,
        .survival = 0.4227826086956521,
        .se = 0.11928615405442701,
        .ci_lower = 0.19465792659241282,
        .ci_upper = 0.63579419183653096,
    },
    {
        .size = sizeof(csat_survival_point),
        .time = 24,
        .n_risk = 6,
        .n_event = 1,
        .n_censor = 1,
        .survival = 0.35231884057971008,
        .se = 0.11840185131814754,
        .ci_lower = 0.14065061737674564,
        .ci_upper = 0.57416419346620928,
    },
    {
        .size = sizeof(csat_survival_point),
        .time = 30,
        .n_risk = 3,
        .n_event = 1,
        .n_censor = 0,
        .survival = 0.23487922705314004,
        .se = 0.12419893116997587,
        .ci_lower = 0.051686477827689328,
        .ci_upper = 0.49243013321882861,
    },
};

static const csat_curve_summary REF_KM_A_SUMMARY = {
    .size = sizeof(csat_curve_summary),
    .n = 23,
    .n_missing = 2,
    .events = 13,
    .steps = 11,
    .median = 18,
    .median_lower = 12,
    .median_upper = 30,
    .level = 0.94999999999999996,
};

static const csat_survival_point REF_KM_A_AT[10] = {
    {
        .size = sizeof(csat_survival_point),
        .time = 0,
        .n_risk = 0,
        .n_event = 0,
        .n_censor = 0,
        .survival = 1,
        .se = 0,
        .ci_lower = 1,
        .ci_upper = 1,
    },
    {
        .size = sizeof(csat_survival_point),
        .time = 2.8999999999999999,
        .n_risk = 0,
        .n_event = 0,
        .n_censor = 0,
        .survival = 1,
        .se = 0,
        .ci_lower = 1,
        .ci_upper = 1,
    },
    {
        .size = sizeof(csat_survival_point),
        .time = 3,
        .n_risk = 23,
        .n_event = 1,
        .n_censor = 0,
        .survival = 0.95652173913043481,
        .se = 0.042522577993202242,
        .ci_lower = 0.72933861453413518,
        .ci_upper = 0.99375893661875281,
    },
    {
        .size = sizeof(csat_survival_point),
        .time = 4,
        .n_risk = 23,
        .n_event = 1,
        .n_censor = 0,
        .survival = 0.95652173913043481,
        .se = 0.042522577993202242,
        .ci_lower = 0.72933861453413518,
        .ci_upper = 0.99375893661875281,
    },
    {
        .size = sizeof(csat_survival_point),
        .time = 8,
        .n_risk = 19,
        .n_event = 2,
        .n_censor = 1,
        .survival = 0.77608695652173909,
        .se = 0.088365998923566988,
        .ci_lower = 0.54261165048691884,
        .ci_upper = 0.90022940717201161,
    },
    {
        .size = sizeof(csat_survival_point),
        .time = 11.5,
        .n_risk = 19,
        .n_event = 2,
        .n_censor = 1,
        .survival = 0.77608695652173909,
        .se = 0.088365998923566988,
        .ci_lower = 0.54261165048691884,
        .ci_upper = 0.90022940717201161,
    },
    {
        .size = sizeof(csat_survival_point),
        .time = 24,
        .n_risk = 6,
        .n_event = 1,
        .n_censor = 1,
        .survival = 0.35231884057971008,
        .se = 0.11840185131814754,
        .ci_lower = 0.14065061737674564,
        .ci_upper = 0.57416419346620928,
    },
    {
        .size = sizeof(csat_survival_point),
        .time = 30,
        .n_risk = 3,
        .n_event = 1,
        .n_censor = 0,
        .survival = 0.23487922705314004,
        .se = 0.12419893116997587,
        .ci_lower = 0.051686477827689328,
        .ci_upper = 0.49243013321882861,
    },
    {
        .size = sizeof(csat_survival_point),
        .time = 36,
        .n_risk = 3,
        .n_event = 1,
        .n_censor = 0,
        .survival = 0.23487922705314004,
        .se = 0.12419893116997587,
        .ci_lower = 0.051686477827689328,
        .ci_upper = 0.49243013321882861,
    },
    {
        .size = sizeof(csat_survival_point),
        .time = 100,
        .n_risk = 3,
        .n_event = 1,
        .n_censor = 0,
        .survival = 0.23487922705314004,
        .se = 0.12419893116997587,
        .ci_lower = 0.051686477827689328,
        .ci_upper = 0.49243013321882861,
    },
};

#define DATA_KM_HALF_N 10
#define DATA_KM_HALF_LEVEL 0.94999999999999996

static const double DATA_KM_HALF_TIME[10] = {
    1, 1, 2, 2, 2, 2, 3, 4, 6, 6,
};

static const double DATA_KM_HALF_OBS[10] = {
    0, 0, 1, 1, 1, 1, 0, 1, 1, 0,
};

static const double DATA_KM_HALF_AT[2] = {
    2, 3,
};

static const csat_survival_point REF_KM_HALF_STEPS[3] = {
    {
        .size = sizeof(csat_survival_point),
        .time = 2,
        .n_risk = 8,
        .n_event = 4,
        .n_censor = 0,
        .survival = 0.5,
        .se = 0.17677669529663689,
        .ci_lower = 0.15203589029902395,
        .ci_upper = 0.77486501206688874,
    },
    {
        .size = sizeof(csat_survival_point),
        .time = 4,
        .n_risk = 3,
        .n_event = 1,
        .n_censor = 0,
        .survival = 0.33333333333333331,
        .se = 0.18002057495577387,
        .ci_lower = 0.056175650710000746,
        .ci_upper = 0.657582216325164,
    },
    {
        .size = sizeof(csat_survival_point),
        .time = 6,
        .n_risk = 2,
        .n_event = 1,
        .n_censor = 1,
        .survival = 0.16666666666666666,
        .se = 0.14829275350043486,
        .ci_lower = 0.0087202333728192381,
        .ci_upper = 0.5081397668249501,
    },
};

static const csat_curve_summary REF_KM_HALF_SUMMARY = {
    .size = sizeof(csat_curve_summary),
    .n = 10,
    .n_missing = 0,
    .events = 6,
    .steps = 3,
    .median = 3,
    .median_lower = 2,
    .median_upper = NAN,
    .level = 0.94999999999999996,
};

static const csat_survival_point REF_KM_HALF_AT[2] = {
    {
        .size = sizeof(csat_survival_point),
        .time = 2,
        .n_risk = 8,
        .n_event = 4,
        .n_censor = 0,
        .survival = 0.5,
        .se = 0.17677669529663689,
        .ci_lower = 0.15203589029902395,
        .ci_upper = 0.77486501206688874,
    },
    {
        .size = sizeof(csat_survival_point),
        .time = 3,
        .n_risk = 8,
        .n_event = 4,
        .n_censor = 0,
        .survival = 0.5,
        .se = 0.17677669529663689,
        .ci_lower = 0.15203589029902395,
        .ci_upper = 0.77486501206688874,
    },
};

#define DATA_KM_FLAT_N 8
#define DATA_KM_FLAT_LEVEL 0.90000000000000002

static const double DATA_KM_FLAT_TIME[8] = {
    1, 1, 1, 1, 3, 3, 3, 5,
};

static const double DATA_KM_FLAT_OBS[8] = {
    1, 1, 1, 1, 0, 0, 0, 0,
};

static const double DATA_KM_FLAT_AT[1] = {
    1,
};

static const csat_survival_point REF_KM_FLAT_STEPS[1] = {
    {
        .size = sizeof(csat_survival_point),
        .time = 1,
        .n_risk = 8,
        .n_event = 4,
        .n_censor = 0,
        .survival = 0.5,
        .se = 0.17677669529663689,
        .ci_lower = 0.20109809124909855,
        .ci_upper = 0.74115810762024148,
    },
};

static const csat_curve_summary REF_KM_FLAT_SUMMARY = {
    .size = sizeof(csat_curve_summary),
    .n = 8,
    .n_missing = 0,
    .events = 4,
    .steps = 1,
    .median = 1,
    .median_lower = 1,
    .median_upper = NAN,
    .level = 0.90000000000000002,
};

static const csat_survival_point REF_KM_FLAT_AT[1] = {
    {
        .size = sizeof(csat_survival_point),
        .time = 1,
        .n_risk = 8,
        .n_event = 4,
        .n_censor = 0,
        .survival = 0.5,
        .se = 0.17677669529663689,
        .ci_lower = 0.20109809124909855,
        .ci_upper = 0.74115810762024148,
    },
};

/* KM_FLAT median: summary(fit)$table gives 1, quantile(fit, 0.5) gives 3; the reference is the former */

#define DATA_KM_NEVER_N 10
#define DATA_KM_NEVER_LEVEL 0.94999999999999996

static const double DATA_KM_NEVER_TIME[10] = {
    2, 4, 4, 6, 7, 9, 11, 12, 15, 15,
};

static const double DATA_KM_NEVER_OBS[10] = {
    1, 0, 1, 0, 0, 1, 0, 0, 0, 0,
};

static const double DATA_KM_NEVER_AT[1] = {
    9,
};

static const csat_survival_point REF_KM_NEVER_STEPS[3] = {
    {
        .size = sizeof(csat_survival_point),
        .time = 2,
        .n_risk = 10,
        .n_event = 1,
        .n_censor = 0,
        .survival = 0.90000000000000002,
        .se = 0.094868329805051374,
        .ci_lower = 0.47300927136205051,
        .ci_upper = 0.98528139336734311,
    },
    {
        .size = sizeof(csat_survival_point),
        .time = 4,
        .n_risk = 9,
        .n_event = 1,
        .n_censor = 1,
        .survival = 0.79999999999999993,
        .se = 0.12649110640673517,
        .ci_lower = 0.40869078163340433,
        .ci_upper = 0.94587264583891162,
    },
    {
        .size = sizeof(csat_survival_point),
        .time = 9,
        .n_risk = 5,
        .n_event = 1,
        .n_censor = 0,
        .survival = 0.64000000000000001,
        .se = 0.17527121840165319,
        .ci_lower = 0.22633014240405727,
        .ci_upper = 0.87454281756804164,
    },
};

static const csat_curve_summary REF_KM_NEVER_SUMMARY = {
    .size = sizeof(csat_curve_summary),
    .n = 10,
    .n_missing = 0,
    .events = 3,
    .steps = 3,
    .median = NAN,
    .median_lower = 2,
    .median_upper = NAN,
    .level = 0.94999999999999996,
};

static const csat_survival_point REF_KM_NEVER_AT[1] = {
    {
        .size = sizeof(csat_survival_point),
        .time = 9,
        .n_risk = 5,
        .n_event = 1,
        .n_censor = 0,
        .survival = 0.64000000000000001,
        .se = 0.17527121840165319,
        .ci_lower = 0.22633014240405727,
        .ci_upper = 0.87454281756804164,
    },
};

#define DATA_KM_FULL_N 12
#define DATA_KM_FULL_LEVEL 0.94999999999999996

static const double DATA_KM_FULL_TIME[12] = {
    1.5, 2, 2, 3.25, 4, 4, 4, 6, 7.5, 9, 9, 12,
};

static const double DATA_KM_FULL_AT[2] = {
    3, 12,
};

static const csat_survival_point REF_KM_FULL_STEPS[8] = {
    {
        .size = sizeof(csat_survival_point),
        .time = 1.5,
        .n_risk = 12,
        .n_event = 1,
        .n_censor = 0,
        .survival = 0.91666666666666663,
        .se = 0.079785592313028175,
        .ci_lower = 0.53897718057074129,
        .ci_upper = 0.98782556540045796,
    },
    {
        .size = sizeof(csat_survival_point),
        .time = 2,
        .n_risk = 11,
        .n_event = 2,
        .n_censor = 0,
        .survival = 0.75,
        .se = 0.125,
        .ci_lower = 0.40841591315159492,
        .ci_upper = 0.91172040612569827,
    },
    {
        .size = sizeof(csat_survival_point),
        .time = 3.25,
        .n_risk = 9,
        .n_event = 1,
        .n_censor = 0,
        .survival = 0.66666666666666663,
        .se = 0.13608276348795434,
        .ci_lower = 0.33701893254140197,
        .ci_upper = 0.85971179908443973,
    },
    {
        .size = sizeof(csat_survival_point),
        .time = 4,
        .n_risk = 8,
        .n_event = 3,
        .n_censor = 0,
        .survival = 0.41666666666666663,
        .se = 0.14231876063832774,
        .ci_lower = 0.15247126449269227,
        .ci_upper = 0.66530154155033405,
    },
    {
        .size = sizeof(csat_survival_point),
        .time = 6,
        .n_risk = 5,
        .n_event = 1,
        .n_censor = 0,
        .survival = 0.33333333333333331,
        .se = 0.13608276348795434,
        .ci_lower = 0.10270397993092517,
        .ci_upper = 0.58841888669883802,
    },
    {
        .size = sizeof(csat_survival_point),
        .time = 7.5,
        .n_risk = 4,
        .n_event = 1,
        .n_censor = 0,
        .survival = 0.25,
        .se = 0.125,
        .ci_lower = 0.060144555733331335,
        .ci_upper = 0.50475883329843185,
    },
    {
        .size = sizeof(csat_survival_point),
        .time = 9,
        .n_risk = 3,
        .n_event = 2,
        .n_censor = 0,
        .survival = 0.083333333333333329,
        .se = 0.079785592313028175,
        .ci_lower = 0.0050528354789907371,
        .ci_upper = 0.31107040998998725,
    },
    {
        .size = sizeof(csat_survival_point),
        .time = 12,
        .n_risk = 1,
        .n_event = 1,
        .n_censor = 0,
        .survival = 0,
        .se = NAN,
        .ci_lower = 0,
        .ci_upper = 0,
    },
};

static const csat_curve_summary REF_KM_FULL_SUMMARY = {
    .size = sizeof(csat_curve_summary),
    .n = 12,
    .n_missing = 0,
    .events = 12,
    .steps = 8,
    .median = 4,
    .median_lower = 2,
    .median_upper = 9,
    .level = 0.94999999999999996,
};

static const csat_survival_point REF_KM_FULL_AT[2] = {
    {
        .size = sizeof(csat_survival_point),
        .time = 3,
        .n_risk = 11,
        .n_event = 2,
        .n_censor = 0,
        .survival = 0.75,
        .se = 0.125,
        .ci_lower = 0.40841591315159492,
        .ci_upper = 0.91172040612569827,
    },
    {
        .size = sizeof(csat_survival_point),
        .time = 12,
        .n_risk = 1,
        .n_event = 1,
        .n_censor = 0,
        .survival = 0,
        .se = NAN,
        .ci_lower = 0,
        .ci_upper = 0,
    },
};


/* ==== Rates (Garwood exact Poisson interval) ==== */

static const csat_rate_result REF_RATES[5] = {
    {
        .size = sizeof(csat_rate_result),
        .rate = 3.4285714285714284,
        .ci_lower = 1.7715928882063479,
        .ci_upper = 5.9890242994791301,
        .count = 12,
        .exposure = 3500,
        .per = 1000,
        .level = 0.94999999999999996,
    },
    {
        .size = sizeof(csat_rate_result),
        .rate = 0,
        .ci_lower = 0,
        .ci_upper = 0.014755517816455741,
        .count = 0,
        .exposure = 250,
        .per = 1,
        .level = 0.94999999999999996,
    },
    {
        .size = sizeof(csat_rate_result),
        .rate = 7,
        .ci_lower = 3.2853156918946715,
        .ci_upper = 13.148113802432119,
        .count = 7,
        .exposure = 1,
        .per = 1,
        .level = 0.90000000000000002,
    },
    {
        .size = sizeof(csat_rate_result),
        .rate = 7.1498212544686384,
        .ci_lower = 5.7036861427065197,
        .ci_upper = 8.8390160884343345,
        .count = 143,
        .exposure = 20000.5,
        .per = 1000,
        .level = 0.98999999999999999,
    },
    {
        .size = sizeof(csat_rate_result),
        .rate = 2.5,
        .ci_lower = 0.063294519960724743,
        .ci_upper = 13.929108477347244,
        .count = 1,
        .exposure = 40,
        .per = 100,
        .level = 0.94999999999999996,
    },
};


/* ==== Complaints in Pareto order ==== */

#define DATA_PARETO_N 26

static const double DATA_PARETO_CODES[26] = {
    3, 1, 3, 5, 2, 1, 3, NAN, 1, 5, 3, 2, 12, 1, 3, 5, 1, 3, 2, NAN, 1, 0, 5, 2, 3, 1,
};

static const csat_category_count REF_PARETO[6] = {
    {
        .size = sizeof(csat_category_count),
        .code = 1,
        .count = 7,
        .share = 0.29166666666666669,
        .cum_share = 0.29166666666666669,
    },
    {
        .size = sizeof(csat_category_count),
        .code = 3,
        .count = 7,
        .share = 0.29166666666666669,
        .cum_share = 0.58333333333333337,
    },
    {
        .size = sizeof(csat_category_count),
        .code = 2,
        .count = 4,
        .share = 0.16666666666666666,
        .cum_share = 0.75,
    },
    {
        .size = sizeof(csat_category_count),
        .code = 5,
        .count = 4,
        .share = 0.16666666666666666,
        .cum_share = 0.91666666666666663,
    },
    {
        .size = sizeof(csat_category_count),
        .code = 0,
        .count = 1,
        .share = 0.041666666666666664,
        .cum_share = 0.95833333333333326,
    },
    {
        .size = sizeof(csat_category_count),
        .code = 12,
        .count = 1,
        .share = 0.041666666666666664,
        .cum_share = 0.99999999999999989,
    },
};

static const csat_sample REF_PARETO_SAMPLE = {
    .size = sizeof(csat_sample),
    .n = 24,
    .n_missing = 2,
    .n_weighted = 24,
    .n_effective = 24,
};


/* ==== Resolution times ==== */

#define DATA_RES_N 25
#define DATA_RES_SLA 24

static const double DATA_RES_TIME[25] = {
    2.5, 4, 30, 8.75, 12, 24, 1.25, 50, 6, 18, 72, 3, 26.5, 10, 24, 15.5, 40, 5, 96, 20, NAN,
    7.25, 36, 11, 60,
};

static const double DATA_RES_OBS[25] = {
    1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 0,
};

static const double DATA_RES_PROBS[8] = {
    0, 0.10000000000000001, 0.25, 0.5, 0.75, 0.90000000000000002, 0.94999999999999996, 1,
};

static const csat_resolution_result REF_RES = {
    .size = sizeof(csat_resolution_result),
    .n = 24,
    .n_open = 6,
    .n_missing = 1,
    .mean = 14.708333333333334,
    .sd = 13.364585004890394,
    .median = 10.5,
    .within_sla = 0.83333333333333337,
    .km_median = 16.75,
    .km_within_sla = 0.625,
    .sla = 24,
};

static const double REF_RES_QUANTILES[8] = {
    1.25, 2.8500000000000001, 5.25, 10.5, 19.5, 30.550000000000011, 41.499999999999986, 50,
};

/* All resolved (flags NULL). */

#define DATA_RES2_N 10
#define DATA_RES2_SLA 10

static const double DATA_RES2_TIME[10] = {
    3.5, 12, 7, 7, 1.5, 30, 9, 10, 4.25, 16,
};

static const double DATA_RES2_PROBS[2] = {
    0.5, 0.80000000000000004,
};

static const csat_resolution_result REF_RES2 = {
    .size = sizeof(csat_resolution_result),
    .n = 10,
    .n_open = 0,
    .n_missing = 0,
    .mean = 10.025,
    .sd = 8.2094542381871456,
    .median = 8,
    .within_sla = 0.69999999999999996,
    .km_median = 8,
    .km_within_sla = 0.69999999999999996,
    .sla = 10,
};

static const double REF_RES2_QUANTILES[2] = {
    8, 12.800000000000001,
};


/* ==== Reviews ==== */

#define DATA_REVIEWS_N 20

static const double DATA_REVIEWS_X[20] = {
    5, 4, 5, 3, NAN, 5, 4, 2, 5, 5, 1, 4, 5, NAN, 3, 4, 5, 5, 4, 2,
};

static const csat_reviews_result REF_REVIEWS = {
    .size = sizeof(csat_reviews_result),
    .bayesian_average = 3.6071428571428572,
    .wilson_lower = 0.49127343439702542,
    .prior_mean = 3,
    .prior_weight = 10,
};

static const csat_mean_result REF_REVIEWS_RATING = {
    .size = sizeof(csat_mean_result),
    .score = 3.9444444444444446,
    .sd = 1.2589548523523144,
    .se = 0.29673850443534344,
    .ci_lower = 3.3183809252437966,
    .ci_upper = 4.5705079636450927,
    .level = 0.94999999999999996,
    .df = 17,
    .min = 1,
    .max = 5,
    .n = 18,
    .n_missing = 2,
    .n_weighted = 18,
    .n_effective = 18,
};

static const csat_share_result REF_REVIEWS_POSITIVE = {
    .size = sizeof(csat_share_result),
    .share = 0.72222222222222221,
    .score = 72.222222222222214,
    .se = 10.557179862029056,
    .ci_lower = 49.127343439702543,
    .ci_upper = 87.500246620446006,
    .level = 0.94999999999999996,
    .box_min = 4,
    .box_max = 5,
    .n = 18,
    .n_missing = 2,
    .n_weighted = 18,
    .n_effective = 18,
};

#define DATA_REVIEWS10_N 11

static const double DATA_REVIEWS10_X[11] = {
    9, 7, 10, 8, 6, NAN, 10, 9, 3, 8, 7,
};

static const csat_reviews_options DATA_REVIEWS10_OPT = {
    .size = sizeof(csat_reviews_options),
    .scale_min = 1,
    .scale_max = 10,
    .positive_min = 8,
    .prior_mean = 7,
    .prior_weight = 5,
    .level = 0.90000000000000002,
};

static const csat_reviews_result REF_REVIEWS10 = {
    .size = sizeof(csat_reviews_result),
    .bayesian_average = 7.4666666666666668,
    .wilson_lower = 0.35163859786012169,
    .prior_mean = 7,
    .prior_weight = 5,
};

static const csat_mean_result REF_REVIEWS10_RATING = {
    .size = sizeof(csat_mean_result),
    .score = 7.7000000000000002,
    .sd = 2.1108186931983419,
    .se = 0.66749947981669289,
    .ci_lower = 6.4763980710067095,
    .ci_upper = 8.9236019289932909,
    .level = 0.90000000000000002,
    .df = 9,
    .min = 3,
    .max = 10,
    .n = 10,
    .n_missing = 1,
    .n_weighted = 10,
    .n_effective = 10,
};

static const csat_share_result REF_REVIEWS10_POSITIVE = {
    .size = sizeof(csat_share_result),
    .share = 0.59999999999999998,
    .score = 60,
    .se = 15.491933384829668,
    .ci_lower = 35.163859786012168,
    .ci_upper = 80.577300812319663,
    .level = 0.90000000000000002,
    .box_min = 8,
    .box_max = 10,
    .n = 10,
    .n_missing = 1,
    .n_weighted = 10,
    .n_effective = 10,
};


#endif /* CSAT_BUSINESS_REFERENCE_H */
