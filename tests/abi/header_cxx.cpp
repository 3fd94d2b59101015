// Compiles only if csat.h is usable from C++ (extern "C", no C-only syntax).
#include <csat.h>

int main()
{
    csat_nps_options a = CSAT_NPS_OPTIONS_DEFAULT;
    csat_moments m = CSAT_MOMENTS_INIT;
    csat_nps_result r;
    csat_status s = csat_score_nps(nullptr, 0, nullptr, &a, &r, nullptr);
    (void)m;
    return s == CSAT_ERR_NULL ? 0 : 1;
}
