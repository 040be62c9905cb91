#include "CKernels.h"

#include <math.h>
#include <string.h>

/* Lanes of the explicit partial sums: independent lanes let the compiler vectorise a
 * reduction without reassociating floating-point additions. */
#define LANES 16

static inline float dot(const float *a, const float *b, int d) {
    float partial[LANES] = {0};
    int t = 0;
    for (; t + LANES <= d; t += LANES)
        for (int l = 0; l < LANES; l++) partial[l] += a[t + l] * b[t + l];
    float sum = 0;
    for (; t < d; t++) sum += a[t] * b[t];
    for (int l = 0; l < LANES; l++) sum += partial[l];
    return sum;
}

/*
 * One head of self-attention over one short sequence, in single precision:
 * scores = scale * Q·Kᵀ, softmax per row, out = scores·V. For the lengths of
 * queries (a dozen tokens) this costs less than the two BLAS calls it replaces,
 * whose fixed cost per call is larger than the products themselves.
 */
#if defined(__x86_64__)
/* One copy per vector width, chosen when the library loads (an ifunc). */
__attribute__((target_clones("avx512f", "avx2", "default")))
#endif
void junction_attention_head(const float *q, const float *k, const float *v, int ld, int length, int d,
                             float scale, float *scores, float *out, int ldo) {
    for (int i = 0; i < length; i++) {
        float *row = scores + (size_t)i * length;
        const float *qi = q + (size_t)i * ld;
        float largest = -INFINITY;
        for (int j = 0; j < length; j++) {
            row[j] = dot(qi, k + (size_t)j * ld, d) * scale;
            largest = row[j] > largest ? row[j] : largest;
        }
        float sum = 0;
        for (int j = 0; j < length; j++) {
            row[j] = expf(row[j] - largest);
            sum += row[j];
        }
        float inverse = 1.0f / sum;
        float *o = out + (size_t)i * ldo;
        for (int t = 0; t < d; t++) o[t] = 0;
        for (int j = 0; j < length; j++) {
            float p = row[j] * inverse;
            const float *vj = v + (size_t)j * ld;
            for (int t = 0; t < d; t++) o[t] += p * vj[t];
        }
    }
}
