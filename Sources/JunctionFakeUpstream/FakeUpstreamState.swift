import Foundation
import Synchronization

/// What the fake upstream's handlers share: the control settings, the failures left to inject and the requests
/// received. One lock; every access is short.
final class FakeUpstreamState: Sendable {
    private struct Protected {
        var control = FakeUpstreamControl()
        var requests: [RecordedRequest] = []
        var answered = 0
    }

    /// What one chat or embeddings request should do, decided atomically when it arrives.
    struct AnswerPlan: Sendable {
        /// The failure to answer with, if this request is one of those `fail_next` counts.
        var failure: FakeUpstreamControl.Failure?
        /// The settings in force when the request arrived.
        var control: FakeUpstreamControl
        /// A number unique to this answer (for ids).
        var sequence: Int
    }

    private let protected = Mutex(Protected())

    /// The settings in force.
    var control: FakeUpstreamControl {
        get { protected.withLock { $0.control } }
    }

    /// Changes the settings.
    func update(_ change: (inout FakeUpstreamControl) throws -> Void) rethrows {
        try protected.withLock { state in
            var control = state.control
            try change(&control)
            state.control = control
        }
    }

    /// Records a request, unless recording is off.
    func record(_ request: RecordedRequest) {
        protected.withLock { state in
            if state.control.record { state.requests.append(request) }
        }
    }

    /// The requests received so far, oldest first.
    var requests: [RecordedRequest] {
        protected.withLock { $0.requests }
    }

    /// Forgets the requests received; returns how many there were.
    @discardableResult
    func clearRequests() -> Int {
        protected.withLock { state in
            let count = state.requests.count
            state.requests.removeAll()
            return count
        }
    }

    /// Takes the plan for one chat or embeddings request: consumes one injected failure if any are left.
    func planAnswer() -> AnswerPlan {
        protected.withLock { state in
            state.answered += 1
            var failure: FakeUpstreamControl.Failure?
            if var pending = state.control.failNext {
                failure = pending
                pending.count -= 1
                state.control.failNext = pending.count > 0 ? pending : nil
            }
            return AnswerPlan(failure: failure, control: state.control, sequence: state.answered)
        }
    }
}
