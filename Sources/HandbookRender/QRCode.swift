import CQRencode
import HandbookModel

/// A QR code of a text, made by libqrencode (Debian's `libqrencode-dev`) and drawn as inline SVG: one
/// path of unit squares with the four-module quiet zone the standard asks for, black on white, so it
/// prints sharp at any size and needs no image file.
public enum QRCode {
    /// The SVG, or nil when the text cannot be encoded (longer than a QR code holds).
    /// - Parameter label: what a screen reader says of it.
    public static func svg(_ text: String, label: String) -> String? {
        guard let code = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M) else { return nil }
        defer { QRcode_free(code) }
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
}
