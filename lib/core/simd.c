/* Run-time choice of the AVX2 kernels (kernel_avx2.c). */
#include "core/simd.h"

int csat_simd_available(void)
{
#if defined(CSAT_HAVE_AVX2_KERNELS)
    /* Asked each time: reading cpuid is cheap next to a pass over data,
     * and it keeps the library free of mutable static state. */
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
    return 0;
#endif
}
