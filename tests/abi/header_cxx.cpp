// Compiles only if csat.h is usable from C++ (extern "C", no C-only syntax).
#include <csat.h>

int main()
{
    csat_nps_options a = CSAT_NPS_OPTIONS_DEFAULT;
    csat_reviews_options b = CSAT_REVIEWS_OPTIONS_DEFAULT;
    csat_business_options c = CSAT_BUSINESS_OPTIONS_DEFAULT;
    csat_ipa_options d = CSAT_IPA_OPTIONS_DEFAULT;
    csat_nps_result r = CSAT_RESULT_INIT(csat_nps_result);
    csat_comparison ch[2] = { CSAT_RESULT_INIT(csat_comparison) };
    csat_moments *m = nullptr;
    csat_status s = csat_score_nps(nullptr, 0, nullptr, &a, &r, nullptr);
    (void)b;
    (void)c;
    (void)d;
    (void)ch;
    (void)m;
    return s == CSAT_ERR_NULL && r.size == sizeof r ? 0 : 1;
}
