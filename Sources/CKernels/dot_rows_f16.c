#include "CKernels.h"

#include <string.h>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

/* IEEE binary16 <-> binary32, portable (used where F16C is unavailable). */
static float half_to_float(unsigned short h) {
    unsigned int sign = (unsigned int)(h & 0x8000) << 16, exponent = (h >> 10) & 0x1F, mantissa = h & 0x3FF, bits;
    if (exponent == 0x1F) {
        bits = sign | 0x7F800000u | (mantissa << 13);
    } else if (exponent == 0) {
        float value = (float)mantissa * 0x1p-24f;
        return sign ? -value : value;
    } else {
        bits = sign | ((exponent + 112) << 23) | (mantissa << 13);
    }
    float out;
    memcpy(&out, &bits, sizeof out);
    return out;
}

static unsigned short float_to_half(float value) {
    unsigned int bits;
    memcpy(&bits, &value, sizeof bits);
    unsigned int sign = (bits >> 16) & 0x8000, exponent = (bits >> 23) & 0xFF, mantissa = bits & 0x7FFFFF;
    if (exponent == 0xFF) return (unsigned short)(sign | 0x7C00 | (mantissa ? 0x200 : 0));
    int e = (int)exponent - 127 + 15;
    if (e >= 0x1F) return (unsigned short)(sign | 0x7C00);
    if (e <= 0) {
        if (e < -10) return (unsigned short)sign;
        mantissa |= 0x800000;
        int shift = 14 - e;
        unsigned int half = mantissa >> shift, rest = mantissa & ((1u << shift) - 1), midpoint = 1u << (shift - 1);
        if (rest > midpoint || (rest == midpoint && (half & 1))) half++;
        return (unsigned short)(sign | half);
    }
    unsigned int half = sign | ((unsigned int)e << 10) | (mantissa >> 13), rest = mantissa & 0x1FFF;
    if (rest > 0x1000 || (rest == 0x1000 && (half & 1))) half++;
    return (unsigned short)half;
}

void junction_to_f16(const float *in, unsigned short *out, int n) {
    for (int i = 0; i < n; i++) out[i] = float_to_half(in[i]);
}

static void dot_f16_portable(const unsigned short *rows, int n, int d, const float *query, float *out) {
    for (int i = 0; i < n; i++) {
        const unsigned short *row = rows + (size_t)i * d;
        float sum = 0;
        for (int j = 0; j < d; j++) sum += half_to_float(row[j]) * query[j];
        out[i] = sum;
    }
}

#if defined(__x86_64__)
__attribute__((target("avx512f,fma,f16c")))
static void dot_f16_avx512(const unsigned short *rows, int n, int d, const float *query, float *out) {
    int full = d & ~15;
    for (int i = 0; i < n; i++) {
        const unsigned short *row = rows + (size_t)i * d;
        __m512 a0 = _mm512_setzero_ps(), a1 = _mm512_setzero_ps();
        int j = 0;
        for (; j + 32 <= full; j += 32) {
            a0 = _mm512_fmadd_ps(_mm512_cvtph_ps(_mm256_loadu_si256((const __m256i *)(row + j))), _mm512_loadu_ps(query + j), a0);
            a1 = _mm512_fmadd_ps(_mm512_cvtph_ps(_mm256_loadu_si256((const __m256i *)(row + j + 16))), _mm512_loadu_ps(query + j + 16), a1);
        }
        for (; j < full; j += 16)
            a0 = _mm512_fmadd_ps(_mm512_cvtph_ps(_mm256_loadu_si256((const __m256i *)(row + j))), _mm512_loadu_ps(query + j), a0);
        float sum = _mm512_reduce_add_ps(_mm512_add_ps(a0, a1));
        for (; j < d; j++) sum += half_to_float(row[j]) * query[j];
        out[i] = sum;
    }
}

__attribute__((target("avx2,fma,f16c")))
static void dot_f16_avx2(const unsigned short *rows, int n, int d, const float *query, float *out) {
    int full = d & ~7;
    for (int i = 0; i < n; i++) {
        const unsigned short *row = rows + (size_t)i * d;
        __m256 a0 = _mm256_setzero_ps();
        int j = 0;
        for (; j < full; j += 8)
            a0 = _mm256_fmadd_ps(_mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(row + j))), _mm256_loadu_ps(query + j), a0);
        __m128 h = _mm_add_ps(_mm256_castps256_ps128(a0), _mm256_extractf128_ps(a0, 1));
        h = _mm_add_ps(h, _mm_movehl_ps(h, h));
        h = _mm_add_ss(h, _mm_shuffle_ps(h, h, 1));
        float sum = _mm_cvtss_f32(h);
        for (; j < d; j++) sum += half_to_float(row[j]) * query[j];
        out[i] = sum;
    }
}
#endif

void junction_dot_rows_f16(const unsigned short *rows, int n, int d, const float *query, float *out) {
#if defined(__x86_64__)
    int level = junction_cpu_level();
    if (level == JUNCTION_CPU_AVX512 && __builtin_cpu_supports("f16c")) { dot_f16_avx512(rows, n, d, query, out); return; }
    if (level >= JUNCTION_CPU_AVX2 && __builtin_cpu_supports("f16c")) { dot_f16_avx2(rows, n, d, query, out); return; }
#endif
    dot_f16_portable(rows, n, d, query, out);
}
