#include "CKernels.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

static void dot_rows_portable(const float *rows, int n, int d, const float *query, float *out) {
    for (int i = 0; i < n; i++) {
        const float *row = rows + (size_t)i * d;
        float sum = 0;
        for (int j = 0; j < d; j++) sum += row[j] * query[j];
        out[i] = sum;
    }
}

#if defined(__x86_64__)
__attribute__((target("avx512f,fma")))
static void dot_rows_avx512(const float *rows, int n, int d, const float *query, float *out) {
    int full = d & ~15;
    __mmask16 tail = (__mmask16)((1u << (d - full)) - 1u);
    for (int i = 0; i < n; i++) {
        const float *row = rows + (size_t)i * d;
        __m512 a0 = _mm512_setzero_ps(), a1 = _mm512_setzero_ps();
        int j = 0;
        for (; j + 32 <= full; j += 32) {
            a0 = _mm512_fmadd_ps(_mm512_loadu_ps(row + j), _mm512_loadu_ps(query + j), a0);
            a1 = _mm512_fmadd_ps(_mm512_loadu_ps(row + j + 16), _mm512_loadu_ps(query + j + 16), a1);
        }
        for (; j < full; j += 16) a0 = _mm512_fmadd_ps(_mm512_loadu_ps(row + j), _mm512_loadu_ps(query + j), a0);
        if (tail) a1 = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(tail, row + full), _mm512_maskz_loadu_ps(tail, query + full), a1);
        out[i] = _mm512_reduce_add_ps(_mm512_add_ps(a0, a1));
    }
}

__attribute__((target("avx2,fma")))
static void dot_rows_avx2(const float *rows, int n, int d, const float *query, float *out) {
    int full = d & ~7;
    for (int i = 0; i < n; i++) {
        const float *row = rows + (size_t)i * d;
        __m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps();
        int j = 0;
        for (; j + 16 <= full; j += 16) {
            a0 = _mm256_fmadd_ps(_mm256_loadu_ps(row + j), _mm256_loadu_ps(query + j), a0);
            a1 = _mm256_fmadd_ps(_mm256_loadu_ps(row + j + 8), _mm256_loadu_ps(query + j + 8), a1);
        }
        for (; j < full; j += 8) a0 = _mm256_fmadd_ps(_mm256_loadu_ps(row + j), _mm256_loadu_ps(query + j), a0);
        __m256 s = _mm256_add_ps(a0, a1);
        __m128 h = _mm_add_ps(_mm256_castps256_ps128(s), _mm256_extractf128_ps(s, 1));
        h = _mm_add_ps(h, _mm_movehl_ps(h, h));
        h = _mm_add_ss(h, _mm_shuffle_ps(h, h, 1));
        float sum = _mm_cvtss_f32(h);
        for (; j < d; j++) sum += row[j] * query[j];
        out[i] = sum;
    }
}
#endif

void junction_dot_rows(const float *rows, int n, int d, const float *query, float *out) {
#if defined(__x86_64__)
    switch (junction_cpu_level()) {
    case JUNCTION_CPU_AVX512: dot_rows_avx512(rows, n, d, query, out); return;
    case JUNCTION_CPU_AVX2: dot_rows_avx2(rows, n, d, query, out); return;
    default: break;
    }
#endif
    dot_rows_portable(rows, n, d, query, out);
}
