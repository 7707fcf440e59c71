import CMemory

/// The C heap's freed memory given back to the system, between stages that free much at once (see
/// `CMemory.h`). Measured on 10,000 pages with history: the build's peak went from about 570 MB to 450 MB
/// with it and the history's smaller hold together (the heap kept what the history's reading had freed,
/// and the render's threads grew their own arenas beside it).
public enum FreeMemory {
    /// - Returns: whether memory was given back (never on a C library without `malloc_trim`).
    @discardableResult
    public static func returnToSystem() -> Bool {
        handbook_return_free_memory() == 1
    }
}
