/// At most `count` probes run at once (`serve --jobs`); the others wait their turn, in order,
/// until their scrape timeout cancels them. A wait that is cancelled gives up its place.
actor ProbeSlots {
    private var free: Int
    private var waiting: [(id: UInt64, continuation: CheckedContinuation<Bool, Never>)] = []
    private var nextID: UInt64 = 0

    init(count: Int) {
        free = max(1, count)
    }

    /// Waits for a slot; false when the task was cancelled first (then it holds none).
    func acquire() async -> Bool {
        if free > 0 {
            free -= 1
            return true
        }
        let id = nextID
        nextID += 1
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if Task.isCancelled {
                    continuation.resume(returning: false)
                } else {
                    waiting.append((id, continuation))
                }
            }
        } onCancel: {
            Task { await self.cancel(id) }
        }
    }

    /// Gives a slot back, to the longest waiter if any.
    func release() {
        if waiting.isEmpty {
            free += 1
        } else {
            waiting.removeFirst().continuation.resume(returning: true)
        }
    }

    private func cancel(_ id: UInt64) {
        guard let index = waiting.firstIndex(where: { $0.id == id }) else { return }
        waiting.remove(at: index).continuation.resume(returning: false)
    }
}
