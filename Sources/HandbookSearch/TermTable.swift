#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A set of UTF-16 strings stored end to end, each with a dense id in insertion order: open addressing
/// with FNV-1a, so interning a word costs no allocation and hashes it once.
struct TermTable: Sendable {
    private(set) var units: [UInt16] = []
    private var starts: [Int] = [0]
    private var hashes: [UInt64] = []
    private var slots = [Int32](repeating: -1, count: 1024)

    var count: Int { hashes.count }

    static func hash(_ word: UnsafeBufferPointer<UInt16>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for unit in word {
            hash = (hash ^ UInt64(unit)) &* 0x100_0000_01b3
        }
        return hash
    }

    /// The id of `word`, added if it is new.
    mutating func insert(_ word: UnsafeBufferPointer<UInt16>) -> Int32 {
        if count * 2 >= slots.count { grow() }
        let hash = Self.hash(word)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
        // The lookup reads through buffers: no uniqueness check or bounds check per probe.
        let found: (slot: Int, id: Int32) = slots.withUnsafeBufferPointer { slots in
            hashes.withUnsafeBufferPointer { hashes in
                starts.withUnsafeBufferPointer { starts in
                    units.withUnsafeBufferPointer { units in
                        while true {
                            let id = slots[slot]
                            if id < 0 { return (slot, -1) }
                            if hashes[Int(id)] == hash {
                                let start = starts[Int(id)]
                                if starts[Int(id) + 1] - start == word.count,
                                   word.isEmpty || memcmp(units.baseAddress! + start, word.baseAddress!, word.count * 2) == 0 {
                                    return (slot, id)
                                }
                            }
                            slot = (slot + 1) & mask
                        }
                    }
                }
            }
        }
        if found.id >= 0 { return found.id }
        let new = Int32(count)
        units.append(contentsOf: word)
        starts.append(units.count)
        hashes.append(hash)
        slots[found.slot] = new
        return new
    }

    mutating func insert(_ word: [UInt16]) -> Int32 { word.withUnsafeBufferPointer { insert($0) } }

    subscript(id: Int) -> ArraySlice<UInt16> { units[starts[id]..<starts[id + 1]] }

    /// Whether term `a` sorts before term `b` by UTF-16 code units (JavaScript's string order).
    func precedes(_ a: Int, _ b: Int) -> Bool { self[a].lexicographicallyPrecedes(self[b]) }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (id, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(id)
        }
    }
}
