/* Internal: the grouped estimators' one loop over the groups (score/
 * grouped.c), which the accumulator functions (csat_grouped_nps, ...) and
 * the array functions (csat_score_nps_grouped, ..., score/grouped_arrays.c)
 * share. Never installed. */
#ifndef CSAT_LIB_SCORE_GROUPED_H
#define CSAT_LIB_SCORE_GROUPED_H

#include "csat/groups.h"

/* Which score, and its arguments. */
typedef enum csat_group_score {
    CSAT_GROUP_SCORE_NPS,        /* opt: csat_nps_options;   out: csat_nps_result */
    CSAT_GROUP_SCORE_BOX_SHARE,  /* opt: csat_scale_options; boxes lo..hi; out: csat_share_result */
    CSAT_GROUP_SCORE_CSAT,       /* opt: csat_csat_options;  out: csat_share_result */
    CSAT_GROUP_SCORE_TOP_BOX,    /* opt: csat_scale_options; k in lo; out: csat_share_result */
    CSAT_GROUP_SCORE_BOTTOM_BOX, /* opt: csat_scale_options; k in lo; out: csat_share_result */
    CSAT_GROUP_SCORE_MEAN,       /* opt: csat_mean_options;  out: csat_mean_result (tally or moments) */
    CSAT_GROUP_SCORE_CES         /* opt: csat_ces_options;   out: csat_mean_result, out2: csat_share_result */
} csat_group_score;

typedef struct csat_group_question {
    csat_group_score score;
    const void *opt; /* the score's options, NULL for the defaults with the accumulator's scale */
    int lo, hi;
} csat_group_question;

/* The answers an array function adds to its (new, empty) accumulator:
 * run(ctx, err) is called once every option has been checked, so that bad
 * options fail before the pass over the data. */
typedef struct csat_group_pass {
    csat_status (*run)(void *ctx, csat_error *err);
    void *ctx;
} csat_group_pass;

/* The score q of every group of a (after the pass, if not NULL) into the
 * caller's checked out (and out2) arrays and flags, all written only when
 * every group has succeeded. a and out were checked by the caller. */
csat_status csat_group_estimate(const csat_grouped *a, const csat_group_question *q,
                                const csat_group_options *gopt, const csat_group_pass *pass,
                                void *out, void *out2, int *flags, size_t cap, csat_error *err);

#endif
