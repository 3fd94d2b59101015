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
    csat_reviews_options f = CSAT_REVIEWS_OPTIONS_DEFAULT;
    csat_compare_options g = CSAT_COMPARE_OPTIONS_DEFAULT;
    csat_business_options h = CSAT_BUSINESS_OPTIONS_DEFAULT;
    csat_drivers_options i = CSAT_DRIVERS_OPTIONS_DEFAULT;
    csat_importance_options j = CSAT_IMPORTANCE_OPTIONS_DEFAULT;
    csat_bootstrap_options k = CSAT_BOOTSTRAP_OPTIONS_DEFAULT;
    csat_ipa_options l = CSAT_IPA_OPTIONS_DEFAULT;
    /* Results are declared with their size set, arrays by their first element. */
    csat_nps_result r = CSAT_RESULT_INIT(csat_nps_result);
    csat_sample s = CSAT_RESULT_INIT(csat_sample);
    csat_comparison t[2] = { CSAT_RESULT_INIT(csat_comparison) };
    csat_moments *m = NULL;
    (void)a; (void)b; (void)c; (void)d; (void)e; (void)f; (void)g; (void)h; (void)i; (void)j;
    (void)k; (void)l; (void)r; (void)s; (void)t; (void)m;
    return CSAT_VERSION_NUMBER > 0 ? 0 : 1;
}
