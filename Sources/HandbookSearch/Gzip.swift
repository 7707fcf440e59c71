import CZlib

/// gzip with zlib, deterministic (no timestamp in the header): the search bundle's files are stored compressed
/// and the browser inflates them with `DecompressionStream`.
public enum Gzip {
    /// The search bundle's level: zlib's fastest. Level 4 made files 10% smaller and cost twice the time
    /// (a third of the index build went to zlib); the bundle a query downloads is a quarter of Pagefind's either way.
    static let searchLevel: Int32 = 1

    static func compress(_ input: [UInt8], level: Int32 = searchLevel) -> [UInt8] {
        guard let compressor = Compressor(level: level) else { return [] }
        return compressor.compress(input)
    }

    /// One zlib stream reused for many small inputs (`deflateReset` instead of a new 256 KB state each time).
    final class Compressor {
        private var stream = z_stream()

        init?(level: Int32 = searchLevel) {
            guard deflateInit2_(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
                return nil
            }
        }

        deinit { deflateEnd(&stream) }

        func compress(_ input: [UInt8]) -> [UInt8] {
            defer { deflateReset(&stream) }
            return Gzip.deflateAll(input, stream: &stream)
        }
    }

    private static func deflateAll(_ input: [UInt8], stream: inout z_stream) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(input.count))) + 32)
        var input = input
        let written = input.withUnsafeMutableBufferPointer { source -> Int in
            output.withUnsafeMutableBufferPointer { target -> Int in
                stream.next_in = source.baseAddress
                stream.avail_in = UInt32(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = UInt32(target.count)
                guard deflate(&stream, Z_FINISH) == Z_STREAM_END else { return -1 }
                return target.count - Int(stream.avail_out)
            }
        }
        guard written >= 0 else { return [] }
        output.removeSubrange(written...)
        return output
    }
}

extension Gzip {
    /// Inflates gzip data (for tests and tools that read a bundle back); nil when it is not valid gzip.
    public static func decompress(_ input: [UInt8]) -> [UInt8]? {
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var input = input, output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        let finished = input.withUnsafeMutableBufferPointer { source -> Bool in
            stream.next_in = source.baseAddress
            stream.avail_in = UInt32(source.count)
            while true {
                let status = chunk.withUnsafeMutableBufferPointer { target -> Int32 in
                    stream.next_out = target.baseAddress
                    stream.avail_out = UInt32(target.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                output += chunk[0..<(chunk.count - Int(stream.avail_out))]
                if status == Z_STREAM_END { return true }
                if status != Z_OK { return false }
            }
        }
        return finished ? output : nil
    }
}
