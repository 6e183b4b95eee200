import Glibc
import EdgeCheckModel
import EdgeCheckNet

/// glibc's GNU extensions that Swift's Glibc module does not show (it is built without
/// `_GNU_SOURCE`): looked up once, at the first plugin start, and nil when this glibc lacks them.
enum GlibcExtensions {
    typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32
    typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

    /// `pipe2` (glibc 2.9): a pipe whose ends are close-on-exec from the start.
    static let pipe2: Pipe2? = symbol("pipe2")
    /// `posix_spawn_file_actions_addclosefrom_np` (glibc 2.34): the child keeps only 0, 1 and 2.
    static let addCloseFrom: AddCloseFrom? = symbol("posix_spawn_file_actions_addclosefrom_np")
    /// `posix_spawn_file_actions_addchdir_np` (glibc 2.29): the child's working directory.
    static let addChdir: AddChdir? = symbol("posix_spawn_file_actions_addchdir_np")

    private static func symbol<T>(_ name: String) -> T? {
        guard let handle = dlopen(nil, RTLD_NOW), let address = dlsym(handle, name) else { return nil }
        return unsafeBitCast(address, to: T.self)
    }
}
