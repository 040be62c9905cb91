#include "CKernels.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

/* CPU features the kernels look for, read once. */
enum {
    FEATURE_AVX2 = 1 << 0,
    FEATURE_FMA = 1 << 1,
    FEATURE_AVX512F = 1 << 2,
    FEATURE_AVX512BW = 1 << 3,
    FEATURE_AVX512_BF16 = 1 << 4,
    FEATURE_AVX512_VNNI = 1 << 5,
    FEATURE_AVX_VNNI = 1 << 6,
    FEATURES_READ = 1 << 30
};

static int cpu_features(void) {
    static int features = 0;
    int known = __atomic_load_n(&features, __ATOMIC_ACQUIRE);
    if (known) return known;
    int found = FEATURES_READ;
#if defined(__x86_64__)
    /* __builtin_cpu_supports also checks that the OS saves the wide registers (XCR0). */
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2")) found |= FEATURE_AVX2;
    if (__builtin_cpu_supports("fma")) found |= FEATURE_FMA;
    if (__builtin_cpu_supports("avx512f")) found |= FEATURE_AVX512F;
    if (__builtin_cpu_supports("avx512bw")) found |= FEATURE_AVX512BW;
    if (__builtin_cpu_supports("avx512bf16")) found |= FEATURE_AVX512_BF16;
    if (__builtin_cpu_supports("avx512vnni")) found |= FEATURE_AVX512_VNNI;
    if (__builtin_cpu_supports("avxvnni")) found |= FEATURE_AVX_VNNI;
#endif
    __atomic_store_n(&features, found, __ATOMIC_RELEASE);
    return found;
}

static int has(int wanted) { return (cpu_features() & wanted) == wanted; }

int junction_cpu_level(void) {
    if (has(FEATURE_AVX512F | FEATURE_FMA)) return JUNCTION_CPU_AVX512;
    if (has(FEATURE_AVX2 | FEATURE_FMA)) return JUNCTION_CPU_AVX2;
    return JUNCTION_CPU_PORTABLE;
}

const char *junction_kernel_name(void) {
    switch (junction_cpu_level()) {
    case JUNCTION_CPU_AVX512: return "avx512";
    case JUNCTION_CPU_AVX2: return "avx2";
    default: return "portable";
    }
}

int junction_kernel_exists(int precision, int kernel) {
    switch (precision) {
    case JUNCTION_PRECISION_FP32:
        return kernel == JUNCTION_KERNEL_PORTABLE || kernel == JUNCTION_KERNEL_AVX2 || kernel == JUNCTION_KERNEL_AVX512;
    case JUNCTION_PRECISION_BF16:
        return kernel == JUNCTION_KERNEL_PORTABLE || kernel == JUNCTION_KERNEL_AVX2 || kernel == JUNCTION_KERNEL_AVX512
            || kernel == JUNCTION_KERNEL_AVX512_BF16;
    case JUNCTION_PRECISION_INT8:
        return kernel == JUNCTION_KERNEL_PORTABLE || kernel == JUNCTION_KERNEL_AVX2 || kernel == JUNCTION_KERNEL_AVX_VNNI
            || kernel == JUNCTION_KERNEL_AVX512 || kernel == JUNCTION_KERNEL_AVX512_VNNI;
    default:
        return 0;
    }
}

int junction_kernel_supported(int precision, int kernel) {
    if (!junction_kernel_exists(precision, kernel)) return 0;
#if defined(__x86_64__)
    switch (kernel) {
    case JUNCTION_KERNEL_PORTABLE: return 1;
    case JUNCTION_KERNEL_AVX2: return has(FEATURE_AVX2 | FEATURE_FMA);
    case JUNCTION_KERNEL_AVX_VNNI: return has(FEATURE_AVX2 | FEATURE_FMA | FEATURE_AVX_VNNI);
    case JUNCTION_KERNEL_AVX512:
        return precision == JUNCTION_PRECISION_INT8 ? has(FEATURE_AVX512F | FEATURE_AVX512BW | FEATURE_FMA)
                                                    : has(FEATURE_AVX512F | FEATURE_FMA);
    case JUNCTION_KERNEL_AVX512_BF16: return has(FEATURE_AVX512F | FEATURE_AVX512BW | FEATURE_AVX512_BF16);
    case JUNCTION_KERNEL_AVX512_VNNI: return has(FEATURE_AVX512F | FEATURE_AVX512BW | FEATURE_AVX512_VNNI);
    default: return 0;
    }
#else
    return kernel == JUNCTION_KERNEL_PORTABLE;
#endif
}

int junction_kernel_best(int precision) {
    static const int order[] = {
        JUNCTION_KERNEL_AVX512_BF16, JUNCTION_KERNEL_AVX512_VNNI, JUNCTION_KERNEL_AVX_VNNI,
        JUNCTION_KERNEL_AVX512, JUNCTION_KERNEL_AVX2,
    };
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        if (junction_kernel_supported(precision, order[i])) return order[i];
    }
    return JUNCTION_KERNEL_PORTABLE;
}

const char *junction_kernel_label(int kernel) {
    switch (kernel) {
    case JUNCTION_KERNEL_AVX2: return "avx2";
    case JUNCTION_KERNEL_AVX_VNNI: return "avx-vnni";
    case JUNCTION_KERNEL_AVX512: return "avx512";
    case JUNCTION_KERNEL_AVX512_BF16: return "avx512-bf16";
    case JUNCTION_KERNEL_AVX512_VNNI: return "avx512-vnni";
    default: return "portable";
    }
}

const char *junction_cpu_features(void) {
    static char text[96];
    static int done = 0;
    if (__atomic_load_n(&done, __ATOMIC_ACQUIRE)) return text;
    static const struct { int flag; const char *name; } names[] = {
        {FEATURE_AVX2, "avx2"}, {FEATURE_FMA, "fma"}, {FEATURE_AVX512F, "avx512f"}, {FEATURE_AVX512BW, "avx512bw"},
        {FEATURE_AVX512_BF16, "avx512_bf16"}, {FEATURE_AVX512_VNNI, "avx512_vnni"}, {FEATURE_AVX_VNNI, "avx_vnni"},
    };
    char built[96] = "";
    size_t used = 0;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (!has(names[i].flag)) continue;
        for (const char *p = used ? " " : ""; *p; p++) built[used++] = *p;
        for (const char *p = names[i].name; *p; p++) built[used++] = *p;
    }
    built[used] = 0;
    /* Racing first calls write the same bytes. */
    for (size_t i = 0; i <= used; i++) text[i] = built[i];
    __atomic_store_n(&done, 1, __ATOMIC_RELEASE);
    return text[0] ? text : "none";
}

void junction_flush_denormals(void) {
#if defined(__x86_64__)
    _mm_setcsr(_mm_getcsr() | 0x8040); /* FTZ (bit 15) | DAZ (bit 6) */
#endif
}
