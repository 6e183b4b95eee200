import EdgeCheckModel

extension String {
    /// Terminal columns this text takes (see `Character.displayWidth`), for aligning table columns.
    var displayWidth: Int {
        reduce(0) { $0 + $1.displayWidth }
    }
}
