import COpenCL
import Foundation

/// Waiting for the device without putting the host thread to sleep first.
///
/// A blocking OpenCL call parks the host thread until the driver wakes it. On PoCL on the project's 2-core
/// machine a blocking 16-byte read of an idle queue took 65 µs, against 23 µs when the host polls the read's
/// event; a Titanic epoch waits once, for its metrics, and 100 full-batch epochs went from 13.0 to 10.0 ms.
/// Polling yields the core between polls, since the driver's worker threads may need it, and past
/// ``spinLimit`` the wait blocks as before, so a long wait costs no core.
enum OpenCLEvents {
    static let spinLimit: UInt64 = 200_000  // ns

    static func wait(_ event: cl_event, queue: cl_command_queue, _ call: String) throws {
        func currentStatus() throws -> cl_int {
            var status = cl_int(CL_QUEUED)
            try OpenCLError.check(clGetEventInfo(event, cl_event_info(CL_EVENT_COMMAND_EXECUTION_STATUS),
                                                 MemoryLayout<cl_int>.size, &status, nil), "clGetEventInfo")
            return status
        }
        clFlush(queue)
        let start = DispatchTime.now().uptimeNanoseconds
        var status = try currentStatus()
        while status > CL_COMPLETE && DispatchTime.now().uptimeNanoseconds - start < spinLimit {
            sched_yield()
            status = try currentStatus()
        }
        if status > CL_COMPLETE {
            var e: cl_event? = event
            let waited = clWaitForEvents(1, &e)
            if waited != CL_SUCCESS && waited != CL_EXEC_STATUS_ERROR_FOR_EVENTS_IN_WAIT_LIST {
                throw OpenCLError(call: call, code: waited)
            }
            status = try currentStatus()
        }
        // A negative status is the error the command ended with.
        if status < 0 { throw OpenCLError(call: call, code: status) }
    }
}

/// A read queued into host memory it owns; ``wait()`` returns the values. Dropped unread, it still waits
/// for the device before freeing the memory the device writes into.
final class OpenCLRead {
    private let host: UnsafeMutableBufferPointer<Float>
    private let count: Int
    private let event: cl_event
    private let queue: cl_command_queue
    private var done = false

    init(count: Int, queue: cl_command_queue,
         enqueue: (UnsafeMutableRawPointer, UnsafeMutablePointer<cl_event?>) -> cl_int) throws {
        let host = UnsafeMutableBufferPointer<Float>.allocate(capacity: max(count, 1))
        var event: cl_event?
        let status = enqueue(UnsafeMutableRawPointer(host.baseAddress!), &event)
        guard status == CL_SUCCESS, let event else {
            host.deallocate()
            throw OpenCLError(call: "clEnqueueReadBuffer", code: status)
        }
        (self.host, self.count, self.event, self.queue) = (host, count, event, queue)
    }

    func wait() throws -> [Float] {
        try OpenCLEvents.wait(event, queue: queue, "clEnqueueReadBuffer")
        done = true
        return Array(host.prefix(count))
    }

    deinit {
        if !done {
            var e: cl_event? = event
            clWaitForEvents(1, &e)
        }
        clReleaseEvent(event)
        host.deallocate()
    }
}
