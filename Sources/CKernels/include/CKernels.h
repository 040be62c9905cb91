#ifndef JUNCTION_CKERNELS_H
#define JUNCTION_CKERNELS_H

#include <stddef.h>

/*
 * Matrix product with a weight matrix packed once at load time.
 *
 * A linear layer computes C[m x n] = X[m x k] * W^T where W is stored [n x k]
 * (PyTorch's layout). General BLAS libraries re-pack W on every call, which
 * dominates when m is small (one query is ~13 rows). Packing W once into
 * panels of JUNCTION_PANEL output columns, k-major, lets a register-blocked
 * kernel stream it straight from cache.
 */

#define JUNCTION_PANEL 32

/* Number of floats the packed form of an [n x k] weight matrix takes. */
size_t junction_packed_count(int n, int k);

/* Packs W[n x k] (row-major) into `packed` (junction_packed_count floats). */
void junction_pack(const float *w, int n, int k, float *packed);

/*
 * C[m x n] = X[m x k] * W^T (+ C when accumulate != 0), for the output panels
 * first_panel ..< last_panel (panel p covers columns 32p ..< 32p+32), so that
 * callers can split the panels across threads.
 */
void junction_gemm_packed(int m, int n, int k, const float *x, int ldx,
                          const float *packed, float *c, int ldc, int accumulate,
                          int first_panel, int last_panel);
/* The same with a given kernel id (JUNCTION_KERNEL_PORTABLE, _AVX2 or _AVX512; see below). */
void junction_gemm_f32(int kernel, int m, int n, int k, const float *x, int ldx, const float *packed,
                       float *c, int ldc, int accumulate, int first_panel, int last_panel);

/* The widest vector instructions this CPU offers the kernels. */
enum { JUNCTION_CPU_PORTABLE = 0, JUNCTION_CPU_AVX2 = 1, JUNCTION_CPU_AVX512 = 2 };
int junction_cpu_level(void);

/* Name of the kernels in use on this CPU ("avx512", "avx2", "portable"). */
const char *junction_kernel_name(void);

/*
 * Reduced-precision packed products (packed_gemm_bf16.c, packed_gemm_i8.c).
 *
 * Each precision has several kernels, one per x86 generation; the best one the
 * CPU has is chosen at load, and tests run every kernel the CPU has against
 * the portable one. Kernel ids:
 */
enum {
    JUNCTION_KERNEL_PORTABLE = 0,    /* plain C, any CPU */
    JUNCTION_KERNEL_AVX2 = 1,        /* AVX2 + FMA (Haswell, Zen 1-3) */
    JUNCTION_KERNEL_AVX_VNNI = 2,    /* AVX2 + AVX-VNNI (Alder Lake, Sapphire Rapids, Zen 5): int8 */
    JUNCTION_KERNEL_AVX512 = 3,      /* AVX-512 F/BW (Skylake-X) */
    JUNCTION_KERNEL_AVX512_BF16 = 4, /* AVX-512 BF16 vdpbf16ps (Cooper Lake, Sapphire Rapids, Zen 4): bf16 */
    JUNCTION_KERNEL_AVX512_VNNI = 5, /* AVX-512 VNNI vpdpbusd (Cascade Lake, Ice Lake, Zen 4): int8 */
    JUNCTION_KERNEL_COUNT = 6
};
enum { JUNCTION_PRECISION_FP32 = 0, JUNCTION_PRECISION_BF16 = 1, JUNCTION_PRECISION_INT8 = 2 };

/* Whether `kernel` exists for `precision`; whether this CPU can also run it. */
int junction_kernel_exists(int precision, int kernel);
int junction_kernel_supported(int precision, int kernel);
/* The fastest kernel for `precision` on this CPU. */
int junction_kernel_best(int precision);
/* Short name of a kernel id ("avx512-bf16", "avx2", ...). */
const char *junction_kernel_label(int kernel);
/* Names of the CPU features the kernels look for that this CPU has, space-separated. */
const char *junction_cpu_features(void);

/*
 * bf16: weights rounded to bfloat16 (round to nearest even) and packed in
 * 32-column panels of k pairs: panel p, pair g holds for each column j the
 * two values W[32p+j][2g], W[32p+j][2g+1] (even k in the low half). Inputs are
 * rounded to bfloat16 the same way (junction_rows_to_bf16); products of two
 * bfloat16 values are exact in single precision and accumulate there. Every
 * kernel computes the same sums up to the order of single-precision additions.
 */
/* k rounded up to a multiple of 2. */
int junction_bf16_depth(int k);
/* Number of 16-bit values the packed form of an [n x k] weight takes. */
size_t junction_packed_bf16_count(int n, int k);
void junction_pack_bf16(const float *w, int n, int k, unsigned short *packed);
/* Rounds X[m x k] (row stride ldx) to bfloat16 rows of junction_bf16_depth(k), zero-padded. */
void junction_rows_to_bf16(const float *x, int m, int k, int ldx, unsigned short *out);
/* C[m x n] (+)= X·Wᵀ for panels first_panel ..< last_panel; xb from junction_rows_to_bf16. */
void junction_gemm_bf16(int kernel, int m, int n, int k, const unsigned short *xb, const unsigned short *packed,
                        float *c, int ldc, int accumulate, int first_panel, int last_panel);

/*
 * int8: weights quantized per output column (symmetric, scale max|w| / 127)
 * and packed in 32-column panels of k quads (4 consecutive k of a column in 4
 * bytes, the layout of vpdpbusd). Inputs are quantized per row at run time
 * (symmetric, scale max|x| / 127, round to nearest even) and stored offset by
 * 128 as unsigned bytes; the column sums of the weights undo the offset. The
 * integer sums are exact, so every kernel gives the same result up to the
 * final single-precision scaling.
 */
/* k rounded up to a multiple of 4. */
int junction_i8_depth(int k);
/* Bytes the packed form of an [n x k] weight takes; scales and sums take 32 per panel each. */
size_t junction_packed_i8_count(int n, int k);
void junction_pack_i8(const float *w, int n, int k, signed char *packed, float *scales, int *sums);
/* Quantizes X[m x k] into rows of junction_i8_depth(k) bytes (offset 128, padding 128) and one scale per row. */
void junction_rows_to_u8(const float *x, int m, int k, int ldx, unsigned char *out, float *scales);
void junction_gemm_i8(int kernel, int m, int n, int k, const unsigned char *xq, const float *xscales,
                      const signed char *packed, const float *scales, const int *sums,
                      float *c, int ldc, int accumulate, int first_panel, int last_panel);

/*
 * One attention head over one sequence of `length` tokens: scores[length x length] = scale * Q·Kᵀ,
 * softmax per row, out[length x d] (row stride ldo) = scores·V. Q, K and V rows have stride ld.
 * For short sequences, where BLAS calls cost more than these products.
 */
void junction_attention_head(const float *q, const float *k, const float *v, int ld, int length, int d,
                             float scale, float *scores, float *out, int ldo);

/*
 * out[i] = dot(rows[i*d ..< i*d+d], query) for i in 0 ..< n: the similarity
 * of a query to every vector of a flat index (row-major, n x d).
 */
void junction_dot_rows(const float *rows, int n, int d, const float *query, float *out);

/*
 * The same over rows stored as IEEE half precision (uint16 bit patterns); the
 * query stays single precision and products accumulate in single precision.
 * For unit vectors each result is within 2^-11 (+ float rounding) of the
 * single-precision dot product, by Cauchy-Schwarz.
 */
void junction_dot_rows_f16(const unsigned short *rows, int n, int d, const float *query, float *out);

/* Converts n floats to half precision (round to nearest even). */
void junction_to_f16(const float *in, unsigned short *out, int n);
/*
 * Symmetric 8-bit quantization of one vector of d floats: out[j] = round(in[j] / scale), scale = max|in| / 127.
 * Each component is then within scale / 2 of the original, so the dot product with a query x is within
 * (scale / 2) * sum|x_j| of the exact one.
 */
void junction_to_i8(const float *in, int d, signed char *out, float *scale);
/* out[i] = scales[i] * dot(rows[i*d ..< i*d+d], query): the dot products of 8-bit quantized rows. */
void junction_dot_rows_i8(const signed char *rows, const float *scales, int n, int d, const float *query, float *out);

/*
 * Sets flush-to-zero and denormals-are-zero for the calling thread (x86-64;
 * a no-op elsewhere). Activations that underflow (softmax tails, GELU of very
 * negative inputs) otherwise make every later multiply take a slow microcode
 * path; values below 1.2e-38 change no embedding at 1e-7.
 */
void junction_flush_denormals(void);

#endif
