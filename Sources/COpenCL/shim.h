// gputrain targets OpenCL 1.2: the version every ICD (NVIDIA, AMD, Intel, PoCL, oclgrind) implements.
#ifndef GPUTRAIN_COPENCL_SHIM_H
#define GPUTRAIN_COPENCL_SHIM_H
#define CL_TARGET_OPENCL_VERSION 120
#define CL_USE_DEPRECATED_OPENCL_1_2_APIS
#include <CL/cl.h>
#endif
