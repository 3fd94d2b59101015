/* Internal: the pieces every designed score shares (doc/methods.md, "Scores
 * of a design"): the pass of a design's rows into an accumulator keyed by
 * PSU (or by group and PSU), each cell's sums of the estimate's coded
 * variable, and the linearised values per key with their design variance.
 * The designed scores (score/design*.c) and their comparisons
 * (compare/design.c) use them. Never installed. */
#ifndef CSAT_LIB_SCORE_DESIGN_H
#define CSAT_LIB_SCORE_DESIGN_H

#include <stdint.h>

#include "accum/moments.h"
#include "csat/design.h"
#include "design/design.h"

/* What a tally point stands for in an estimate's linearised variable:
 * the NPS coding +1/0/−1, a box indicator, or the rating itself. */
typedef enum csat_code_kind { CSAT_CODE_NPS, CSAT_CODE_BOX, CSAT_CODE_VALUE } csat_code_kind;

typedef struct csat_coding {
    csat_code_kind kind;
    int lo, hi; /* NPS: detractor_max, promoter_min; BOX: the boxes */
} csat_coding;

/* A new accumulator over the design's rows, keyed by the design's keys
 * (g NULL) or by (group, key) cells g·K + key (rows of group
 * CSAT_GROUP_NONE skipped): a tally of [min, max], or moments (tally 0). */
csat_status csat_design_pass(const csat_design *d, const double *x, const int32_t *g,
                             size_t groups, int tally, int min, int max, csat_grouped **out,
                             csat_error *err);

/* The moments of the coded variable in each of the accumulator's C cells
 * (moments accumulators: their own moments). NOMEM only. */
csat_status csat_design_cells(const csat_grouped *a, const csat_coding *c,
                              csat_moments_state *st, csat_error *err);

/* A domain's linearised values per key: z1 = Σ w (f − ȳ)/W and, for a
 * design without clusters, z2 = Σ w² (f − ȳ)²/W², with n the valid rows. */
typedef struct csat_lin {
    double *z1, *z2;
    uint64_t *n;
} csat_lin;

csat_status csat_lin_new(const csat_design *d, csat_lin *l, csat_error *err);
void csat_lin_free(csat_lin *l);

/* Of the cells st[k·stride] (k = 0..K−1): a group, or the whole sample. */
void csat_lin_of(const csat_design *d, const csat_moments_state *st, size_t stride, double ybar,
                 double W, csat_lin *l);

/* Of every cell of `all` (K states, the whole sample per key) less those
 * of one group (own[k·stride]): the rest of the sample. */
void csat_lin_rest(const csat_design *d, const csat_moments_state *all,
                   const csat_moments_state *own, size_t stride, double ybar, double W,
                   csat_lin *l);

/* The design variance of a's estimate, or of a − b (b not NULL; a and b
 * are disjoint domains, so no row is in both). */
csat_status csat_lin_var(const csat_design *d, const csat_lin *a, const csat_lin *b, double *var,
                         csat_error *err);

/* The whole sample per key: all[k] = the merge of the G cells (g, k). */
void csat_design_merge_groups(const csat_moments_state *st, size_t G, size_t K,
                              csat_moments_state *all);

/* Design intervals over a weighted result (its estimate, n and n_weighted
 * kept): se from the variance, n_effective = σ̂²/Var (n when Var is 0),
 * and the interval of each kind. sigma2 is the weighted variance per row
 * of the coded variable. */
void csat_design_nps_finish(double var, double sigma2, csat_nps_result *r);
void csat_design_share_finish(double var, csat_share_result *r);
void csat_design_mean_finish(const csat_design *d, double var, double sigma2,
                             csat_mean_result *r);

/* The question a designed grouped score answers: its kind, its options
 * (NULL: defaults), and the boxes of a share. */
typedef enum csat_design_kind { CSAT_DESIGN_NPS, CSAT_DESIGN_SHARE, CSAT_DESIGN_MEAN } csat_design_kind;

typedef struct csat_design_question {
    csat_design_kind kind;
    const csat_nps_options *nps;
    const csat_scale_options *scale;
    const csat_mean_options *mean;
    int lo, hi;
} csat_design_question;

/* Every group's result (groups, G full structs of the kind's result type,
 * or NULL) and every group's rest (rests, or NULL), with their flags, as
 * the weighted grouped scores of groups.h compute them, then given design
 * standard errors and intervals; diff_var (G, or NULL) receives the design
 * variance of group − rest (NaN where either is empty), in the unit of
 * the coded variable (NPS as −1..1). One pass by group and one into
 * (group, key) cells. */
csat_status csat_design_grouped_eval(const csat_design *d, const double *x, const int32_t *g,
                                     size_t G, const csat_design_question *q,
                                     const csat_group_options *gopt, void *groups, int *gflags,
                                     void *rests, int *rflags, double *diff_var,
                                     csat_error *err);

#endif
