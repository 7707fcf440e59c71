#include "build_info.h"

// The hash arrives as a bare token (no quotes to survive the build's command lines) and is made a string here.
#define HANDBOOK_STRING(x) #x
#define HANDBOOK_EXPANDED_STRING(x) HANDBOOK_STRING(x)

const char *handbook_build_commit(void) {
#ifdef HANDBOOK_COMMIT
    return HANDBOOK_EXPANDED_STRING(HANDBOOK_COMMIT);
#else
    return "";
#endif
}
