/* Compiled against an installed libcsat: the headers, the library and the
 * run-time version agree, and a score is computed (NPS of 9, 10, 0 is
 * 100·(2/3 − 1/3) = 33.33...). */
#include <csat.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

int main(void)
{
    if (strcmp(csat_version(), CSAT_VERSION_STRING) != 0) {
        printf("header %s, library %s\n", CSAT_VERSION_STRING, csat_version());
        return 1;
    }
    const double x[] = { 9, 10, 0 };
    csat_nps_result r = CSAT_RESULT_INIT(csat_nps_result);
    if (csat_score_nps(x, 3, NULL, NULL, &r, NULL) != CSAT_OK || fabs(r.score - 100.0 / 3) > 1e-12)
        return 1;
    printf("libcsat %s installed: NPS %.4f\n", csat_version(), r.score);
    return 0;
}
