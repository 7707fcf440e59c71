#ifndef CMEMORY_H
#define CMEMORY_H

/// Gives the memory that freed allocations left in the C heap back to the system (glibc's malloc_trim,
/// which Swift's Glibc module leaves out): a build frees a stage's data in one go (the old versions of the
/// history, once the pages are rendered), and without it the peak memory stays where that stage left it.
/// Returns 1 when memory was given back, 0 otherwise (or on a C library without it).
int handbook_return_free_memory(void);

#endif
