#include "CKernels.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

int junction_cpu_level(void) {
    static int level = -1;
    int known = __atomic_load_n(&level, __ATOMIC_ACQUIRE);
    if (known >= 0) return known;
    int found = JUNCTION_CPU_PORTABLE;
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("fma")) found = JUNCTION_CPU_AVX512;
    else if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) found = JUNCTION_CPU_AVX2;
#endif
    __atomic_store_n(&level, found, __ATOMIC_RELEASE);
    return found;
}

const char *junction_kernel_name(void) {
    switch (junction_cpu_level()) {
    case JUNCTION_CPU_AVX512: return "avx512";
    case JUNCTION_CPU_AVX2: return "avx2";
    default: return "portable";
    }
}

void junction_flush_denormals(void) {
#if defined(__x86_64__)
    _mm_setcsr(_mm_getcsr() | 0x8040); /* FTZ (bit 15) | DAZ (bit 6) */
#endif
}
