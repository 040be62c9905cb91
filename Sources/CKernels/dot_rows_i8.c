#include "CKernels.h"

#include <math.h>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

void junction_to_i8(const float *in, int d, signed char *out, float *scale) {
    float largest = 0;
    for (int j = 0; j < d; j++) largest = fmaxf(largest, fabsf(in[j]));
    float s = largest > 0 ? largest / 127.0f : 1.0f;
    float inverse = 1.0f / s;
    for (int j = 0; j < d; j++) {
        float q = nearbyintf(in[j] * inverse);
        out[j] = (signed char)(q > 127 ? 127 : q < -127 ? -127 : q);
    }
    *scale = s;
}

static void dot_i8_portable(const signed char *rows, const float *scales, int n, int d, const float *query, float *out) {
    for (int i = 0; i < n; i++) {
        const signed char *row = rows + (size_t)i * d;
        float sum = 0;
        for (int j = 0; j < d; j++) sum += (float)row[j] * query[j];
        out[i] = sum * scales[i];
    }
}

#if defined(__x86_64__)
__attribute__((target("avx512f,fma")))
static void dot_i8_avx512(const signed char *rows, const float *scales, int n, int d, const float *query, float *out) {
    int full = d & ~15;
    int i = 0;
    /* Two rows at a time: independent accumulators hide the conversion latency. */
    for (; i + 2 <= n; i += 2) {
        const signed char *r0 = rows + (size_t)i * d, *r1 = r0 + d;
        __m512 a0 = _mm512_setzero_ps(), a1 = _mm512_setzero_ps();
        int j = 0;
        for (; j < full; j += 16) {
            __m512 q = _mm512_loadu_ps(query + j);
            a0 = _mm512_fmadd_ps(_mm512_cvtepi32_ps(_mm512_cvtepi8_epi32(_mm_loadu_si128((const __m128i *)(r0 + j)))), q, a0);
            a1 = _mm512_fmadd_ps(_mm512_cvtepi32_ps(_mm512_cvtepi8_epi32(_mm_loadu_si128((const __m128i *)(r1 + j)))), q, a1);
        }
        float s0 = _mm512_reduce_add_ps(a0), s1 = _mm512_reduce_add_ps(a1);
        for (; j < d; j++) { s0 += (float)r0[j] * query[j]; s1 += (float)r1[j] * query[j]; }
        out[i] = s0 * scales[i];
        out[i + 1] = s1 * scales[i + 1];
    }
    if (i < n) dot_i8_portable(rows + (size_t)i * d, scales + i, n - i, d, query, out + i);
}

__attribute__((target("avx2,fma")))
static void dot_i8_avx2(const signed char *rows, const float *scales, int n, int d, const float *query, float *out) {
    int full = d & ~7;
    for (int i = 0; i < n; i++) {
        const signed char *row = rows + (size_t)i * d;
        __m256 a0 = _mm256_setzero_ps();
        int j = 0;
        for (; j < full; j += 8) {
            __m128i bytes = _mm_loadl_epi64((const __m128i *)(row + j));
            a0 = _mm256_fmadd_ps(_mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(bytes)), _mm256_loadu_ps(query + j), a0);
        }
        __m128 h = _mm_add_ps(_mm256_castps256_ps128(a0), _mm256_extractf128_ps(a0, 1));
        h = _mm_add_ps(h, _mm_movehl_ps(h, h));
        h = _mm_add_ss(h, _mm_shuffle_ps(h, h, 1));
        float sum = _mm_cvtss_f32(h);
        for (; j < d; j++) sum += (float)row[j] * query[j];
        out[i] = sum * scales[i];
    }
}
#endif

void junction_dot_rows_i8(const signed char *rows, const float *scales, int n, int d, const float *query, float *out) {
#if defined(__x86_64__)
    int level = junction_cpu_level();
    if (level == JUNCTION_CPU_AVX512) { dot_i8_avx512(rows, scales, n, d, query, out); return; }
    if (level >= JUNCTION_CPU_AVX2) { dot_i8_avx2(rows, scales, n, d, query, out); return; }
#endif
    dot_i8_portable(rows, scales, n, d, query, out);
}
