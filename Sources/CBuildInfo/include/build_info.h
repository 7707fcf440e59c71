#ifndef HANDBOOK_BUILD_INFO_H
#define HANDBOOK_BUILD_INFO_H

/// The commit the tool was built from: what `Scripts/release` passes as `-Xcc -DHANDBOOK_COMMIT=HASH`;
/// empty in a build from source without it.
const char *handbook_build_commit(void);

#endif
