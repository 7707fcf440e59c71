import CQRencode
import HandbookModel
#if canImport(Glibc)
import Glibc
#endif

/// A QR code of a text, made by libqrencode (Debian's `libqrencode4`) and drawn as inline SVG: one
/// path of unit squares with the four-module quiet zone the standard asks for, black on white, so it
/// prints sharp at any size and needs no image file.
///
/// The library is opened when the first code is asked for, not linked: the released binary must run on a stock
/// Debian or Ubuntu, which lacks it. Without it a briefing pack is printed without its code and the build says
/// what to install (`unavailableNote`).
public enum QRCode {
    /// The SVG, or nil when the text cannot be encoded (longer than a QR code holds) or libqrencode is missing.
    /// - Parameter label: what a screen reader says of it.
    public static func svg(_ text: String, label: String) -> String? {
        guard let library = Library.shared, let code = library.encode(text, 0, QR_ECLEVEL_M) else { return nil }
        defer { library.free(code) }
        let width = Int(code.pointee.width), quiet = 4, size = width + 2 * quiet
        var path = ""
        for row in 0..<width {
            for column in 0..<width where code.pointee.data[row * width + column] & 1 == 1 {
                path += "M\(column + quiet) \(row + quiet)h1v1h-1z"
            }
        }
        return "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(size) \(size)\" role=\"img\" aria-label=\"\(HTMLEscaping.attribute(label))\" "
            + "shape-rendering=\"crispEdges\"><rect width=\"\(size)\" height=\"\(size)\" fill=\"#fff\"/><path fill=\"#000\" d=\"\(path)\"/></svg>"
    }

    /// Whether QR codes can be made here.
    public static var isAvailable: Bool { Library.shared != nil }

    /// What a build says when it printed briefing packs without their codes.
    public static let unavailableNote = "briefing packs were printed without QR codes: libqrencode is not installed "
        + "(Debian, Ubuntu: sudo apt-get install libqrencode4)"

    /// libqrencode's two functions this needs, found once in the shared library.
    private struct Library: Sendable {
        typealias Encode = @convention(c) (UnsafePointer<CChar>?, Int32, QRecLevel) -> UnsafeMutablePointer<QRcode>?
        typealias Free = @convention(c) (UnsafeMutablePointer<QRcode>?) -> Void
        let encode: Encode
        let free: Free

        static let shared: Library? = {
            // The soname of libqrencode 4 (Debian's libqrencode4); the development link as a fallback.
            for name in ["libqrencode.so.4", "libqrencode.so"] {
                guard let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) else { continue }
                guard let encode = dlsym(handle, "QRcode_encodeString8bit"), let free = dlsym(handle, "QRcode_free") else { continue }
                return Library(encode: unsafeBitCast(encode, to: Encode.self), free: unsafeBitCast(free, to: Free.self))
            }
            return nil
        }()
    }
}
