/* The C example of README.md ("Usage", C), built by the CMake and meson
 * projects of tests/install against an installed libcsat or libcsat as a
 * subproject. Prints "NPS 20.0, 95% CI [-37.0, 77.0], n = 10". */
#include <stdio.h>
#include <csat.h>

int main(void)
{
    const double answers[] = { 10, 9, 9, 10, 8, 7, 6, 3, 9, 5 }; /* 0-10 */
    csat_nps_result r = CSAT_RESULT_INIT(csat_nps_result);
    csat_error err;

    if (csat_score_nps(answers, 10, NULL, NULL, &r, &err) != CSAT_OK) {
        fprintf(stderr, "csat_score_nps: %s\n", err.message);
        return 1;
    }
    printf("NPS %.1f, 95%% CI [%.1f, %.1f], n = %zu\n",
           r.score, r.ci_lower, r.ci_upper, r.n);
    return 0;
}
