/* Internal: portable little-endian encoding for the serialisation formats
 * (doc/methods.md, "Accumulators"). Never installed. */
#ifndef CSAT_LIB_CORE_SERIAL_H
#define CSAT_LIB_CORE_SERIAL_H

#include <stddef.h>
#include <stdint.h>

void csat_put_u32(unsigned char *p, uint32_t v);
void csat_put_u64(unsigned char *p, uint64_t v);
void csat_put_f64(unsigned char *p, double v);
uint32_t csat_get_u32(const unsigned char *p);
uint64_t csat_get_u64(const unsigned char *p);
double csat_get_f64(const unsigned char *p);

/* Every serialized accumulator starts with a 4-byte magic and a u32 format
 * version. */
#define CSAT_SERIAL_VERSION 1u

#endif
