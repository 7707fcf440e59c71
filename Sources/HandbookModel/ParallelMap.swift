import Dispatch

extension Array where Element: Sendable {
    /// Maps on every core, keeping the order. The transform must not touch shared mutable state.
    public func parallelMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        if count < 2 { return map(transform) }
        let results = ResultSlots<T>(count: count)
        self.withUnsafeBufferPointer { input in
            let source = UnsafeSendable(input)
            DispatchQueue.concurrentPerform(iterations: count) { index in
                results.store(transform(source.value[index]), at: index)
            }
        }
        return results.collect()
    }
}

/// A fixed set of slots that concurrent workers fill, each worker its own index.
private final class ResultSlots<T>: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<T?>
    private let count: Int

    init(count: Int) {
        self.count = count
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil, count: count)
    }

    func store(_ value: T, at index: Int) { storage[index] = value }

    func collect() -> [T] {
        (0..<count).map { index in
            guard let value = storage[index] else { preconditionFailure("parallelMap slot \(index) was not filled") }
            return value
        }
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }
}

private struct UnsafeSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
