/* Compiles only if csat.h is strict C11 (-std=c11 -pedantic -Werror) and its
 * default initialisers fit their structs. */
#include <csat.h>

int main(void)
{
    csat_nps_options a = CSAT_NPS_OPTIONS_DEFAULT;
    csat_scale_options b = CSAT_SCALE_OPTIONS_DEFAULT;
    csat_csat_options c = CSAT_CSAT_OPTIONS_DEFAULT;
    csat_mean_options d = CSAT_MEAN_OPTIONS_DEFAULT;
    csat_ces_options e = CSAT_CES_OPTIONS_DEFAULT;
    csat_moments m = CSAT_MOMENTS_INIT;
    (void)a; (void)b; (void)c; (void)d; (void)e; (void)m;
    return CSAT_VERSION_NUMBER > 0 ? 0 : 1;
}
