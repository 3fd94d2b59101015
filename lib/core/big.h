/* Internal: memory for arrays as long as the data (a design's weights and
 * PSU codes). Never installed.
 *
 * On Linux a fresh block is mapped a page at a time as it is first
 * written, and every 4 KiB page costs a fault: on a virtual machine about
 * 3 µs to 12 µs, which for the 120 MB of a 10⁷-row design is more than the
 * work itself. Blocks of 4 MiB or more are therefore aligned to 2 MiB and
 * advised as huge pages where the kernel allows it (transparent huge pages
 * in "madvise" or "always" mode): one fault per 2 MiB. Elsewhere, and for
 * smaller blocks, it is malloc. Free with csat_big_free. */
#ifndef CSAT_LIB_CORE_BIG_H
#define CSAT_LIB_CORE_BIG_H

#include <stddef.h>

/* NULL when out of memory (or bytes is 0). */
void *csat_big_alloc(size_t bytes);
void csat_big_free(void *p);

#endif
