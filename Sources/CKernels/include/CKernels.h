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

/* The widest vector instructions this CPU offers the kernels. */
enum { JUNCTION_CPU_PORTABLE = 0, JUNCTION_CPU_AVX2 = 1, JUNCTION_CPU_AVX512 = 2 };
int junction_cpu_level(void);

/* Name of the kernels in use on this CPU ("avx512", "avx2", "portable"). */
const char *junction_kernel_name(void);

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
