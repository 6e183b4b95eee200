import Foundation

/// Facts about the terminal the table is printed to.
enum Terminal {
    /// The width of the terminal on stdout: the kernel's idea of it, else `COLUMNS`, else nil.
    static func columns(environment: [String: String]) -> Int? {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return environment["COLUMNS"].flatMap(Int.init).flatMap { $0 > 0 ? $0 : nil }
    }
}
