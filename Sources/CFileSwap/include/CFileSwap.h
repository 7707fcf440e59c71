#ifndef CFILESWAP_H
#define CFILESWAP_H

/// Swaps two paths in one step (Linux renameat2 with RENAME_EXCHANGE): both must exist; afterwards each
/// name points to what the other did. Nobody ever sees either name missing. Returns 0, or -1 with errno
/// set (EINVAL or ENOSYS where the file system or kernel cannot do it).
int handbook_exchange(const char *first, const char *second);

#endif
