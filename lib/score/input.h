/* Internal: the tally a score reads. Never installed. */
#ifndef CSAT_LIB_SCORE_INPUT_H
#define CSAT_LIB_SCORE_INPUT_H

#include <stddef.h>

#include "csat/accum.h"

/* Build a tally of scale [min, max] from an array (the array functions'
 * accumulator pass). The caller frees *out. */
csat_status csat_tally_from_array(const double *x, size_t n, const double *w, int min, int max,
                                  csat_tally **out, csat_error *err);

/* ARGUMENT unless the tally's scale is [min, max]. */
csat_status csat_check_tally_scale(const csat_tally *t, int min, int max, csat_error *err);

#endif
