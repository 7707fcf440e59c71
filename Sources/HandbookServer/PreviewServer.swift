import Hummingbird

public struct PreviewServer {}
