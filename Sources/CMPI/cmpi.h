// The few MPI calls gputrain makes, as functions Swift can import. OpenMPI's handles (MPI_COMM_WORLD,
// MPI_FLOAT, MPI_SUM, MPI_IN_PLACE) are macros over casts of global addresses, which Swift cannot import,
// so each call is wrapped here. Header-only, so a build without the MPI trait never compiles this file.
#ifndef GPUTRAIN_CMPI_H
#define GPUTRAIN_CMPI_H

#include <mpi.h>
#include <time.h>

static inline int cmpi_initialized(void) { int flag = 0; MPI_Initialized(&flag); return flag; }
static inline int cmpi_finalized(void) { int flag = 0; MPI_Finalized(&flag); return flag; }

/// MPI_Init_thread asking for `required`; `provided` gets the level granted.
static inline int cmpi_init_thread(int required, int *provided) {
    int rc = MPI_Init_thread(NULL, NULL, required, provided);
    // Errors come back as codes (and become Swift errors) instead of ending the process from inside MPI.
    if (rc == MPI_SUCCESS) MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
    return rc;
}
static inline int cmpi_thread_serialized(void) { return MPI_THREAD_SERIALIZED; }
static inline int cmpi_finalize(void) { return MPI_Finalize(); }
static inline void cmpi_abort(int code) { MPI_Abort(MPI_COMM_WORLD, code); }

static inline int cmpi_rank(void) { int r = -1; MPI_Comm_rank(MPI_COMM_WORLD, &r); return r; }
static inline int cmpi_size(void) { int s = -1; MPI_Comm_size(MPI_COMM_WORLD, &s); return s; }

/// This rank's index among the ranks on its node, and their count (the device a rank takes).
static inline int cmpi_local_rank_and_size(int *rank, int *size) {
    MPI_Comm local;
    int rc = MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, 0, MPI_INFO_NULL, &local);
    if (rc != MPI_SUCCESS) return rc;
    MPI_Comm_rank(local, rank);
    MPI_Comm_size(local, size);
    return MPI_Comm_free(&local);
}

static inline int cmpi_allreduce_sum_float(float *buffer, int count) {
    return MPI_Allreduce(MPI_IN_PLACE, buffer, count, MPI_FLOAT, MPI_SUM, MPI_COMM_WORLD);
}
static inline int cmpi_allreduce_sum_double(double *buffer, int count) {
    return MPI_Allreduce(MPI_IN_PLACE, buffer, count, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
}
static inline int cmpi_broadcast_float(float *buffer, int count, int root) {
    return MPI_Bcast(buffer, count, MPI_FLOAT, root, MPI_COMM_WORLD);
}

/// Every rank's `count` bytes, gathered into `lengths` (one int per rank) then `out` (their sum of bytes, in rank
/// order): first the lengths, then the bytes. `out` is NULL on the first call, to learn the lengths.
static inline int cmpi_allgather_lengths(int count, int *lengths) {
    return MPI_Allgather(&count, 1, MPI_INT, lengths, 1, MPI_INT, MPI_COMM_WORLD);
}
static inline int cmpi_allgather_bytes(const void *bytes, int count, void *out, const int *lengths, const int *offsets) {
    return MPI_Allgatherv(bytes, count, MPI_BYTE, out, lengths, offsets, MPI_BYTE, MPI_COMM_WORLD);
}

/// A barrier that sleeps between polls: MPI_Barrier spins, and a rank spinning while another trains alone would
/// take one of its cores.
static inline int cmpi_sleeping_barrier(long poll_microseconds) {
    MPI_Request request;
    int rc = MPI_Ibarrier(MPI_COMM_WORLD, &request);
    if (rc != MPI_SUCCESS) return rc;
    int done = 0;
    struct timespec pause = { poll_microseconds / 1000000, (poll_microseconds % 1000000) * 1000 };
    while (!done) {
        rc = MPI_Test(&request, &done, MPI_STATUS_IGNORE);
        if (rc != MPI_SUCCESS) return rc;
        if (!done) nanosleep(&pause, NULL);
    }
    return MPI_SUCCESS;
}

/// The text of an MPI error code.
static inline void cmpi_error_string(int code, char *text, int capacity) {
    int length = 0;
    char buffer[MPI_MAX_ERROR_STRING];
    MPI_Error_string(code, buffer, &length);
    int n = length < capacity - 1 ? length : capacity - 1;
    for (int i = 0; i < n; i++) text[i] = buffer[i];
    text[n] = 0;
}

#endif
