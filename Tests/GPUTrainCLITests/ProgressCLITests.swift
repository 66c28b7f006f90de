import Foundation
import Testing

/// Runs the built `gputrain` with its stderr on a new pseudo-terminal (so `isatty(2)` is true, as in a person's
/// shell) and its stdout on a pipe; returns the exit status, stdout, and everything written to the terminal.
func runGPUTrainOnTerminal(_ arguments: [String]) throws -> (status: Int32, stdout: String, terminal: String) {
    let bin = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("gputrain")
    // /dev/ptmx by hand: Swift's Glibc module does not export posix_openpt, grantpt, unlockpt or ptsname.
    // TIOCSPTLCK unlocks the slave side and TIOCGPTN gives its number (Linux values, the same on x86-64 and arm64).
    let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
    guard master >= 0 else { throw CLIError("cannot open /dev/ptmx: errno \(errno)") }
    defer { close(master) }
    var unlock: Int32 = 0, number: UInt32 = 0
    guard ioctl(master, 0x4004_5431 /* TIOCSPTLCK */, &unlock) == 0,
          ioctl(master, 0x8004_5430 /* TIOCGPTN */, &number) == 0 else {
        throw CLIError("cannot set up the pseudo-terminal: errno \(errno)")
    }
    let slave = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
    guard slave >= 0, isatty(slave) != 0 else { throw CLIError("cannot open /dev/pts/\(number): errno \(errno)") }

    // Read the terminal as the program writes (its buffer is small); read() fails with EIO once the last
    // descriptor of the slave side is closed, i.e. when the program has exited.
    let collected = TerminalReader(master)
    let reader = Thread { collected.run() }
    reader.start()

    let process = Process()
    process.executableURL = bin
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "GPUTRAIN_NO_FALLBACK")
    process.environment = env
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
    do { try process.run() } catch { close(slave); throw error }
    close(slave)  // the child holds its own copy
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let terminal = collected.wait()
    return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: terminal, as: UTF8.self))
}

private final class TerminalReader: @unchecked Sendable {
    private let fd: Int32
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ fd: Int32) { self.fd = fd }

    func run() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(fd, &buffer, buffer.count)
            if n > 0 { data.append(contentsOf: buffer[0..<n]) } else if n < 0 && errno == EINTR { continue } else { break }
        }
        done.signal()
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}

/// Non-overlapping occurrences of `needle` in `text`.
func occurrences(of needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
}

@Suite("gputrain progress bar on a terminal")
struct ProgressCLITests {
    // 891 Titanic rows, 20% validation: 713 training rows in batches of 100 (8 batches, the last of 13 rows);
    // the 178 validation rows run as one batch.
    static let arguments = ["--device", "cpu", "--epochs", "3", "--batch-size", "100"]
    static let trainBatches = 8, validBatches = 1, epochs = 3

    @Test("a real run redraws a train and a valid bar every epoch on a terminal, and none in a pipe")
    func terminalAndPipe() throws {
        let tty = try runGPUTrainOnTerminal(Self.arguments)
        #expect(tty.status == 0, "\(tty.terminal)")
        let bar = tty.terminal

        // Each phase's bar starts at 0% and ends at 100%, each draw returning to the line's start with \r.
        let empty = String(repeating: "-", count: 20), full = String(repeating: "#", count: 20)
        for (phase, batches) in [("train", Self.trainBatches), ("valid", Self.validBatches)] {
            let first = "\r\(phase)   0.0% [\(empty)] 0/\(batches) "
            let last = "\r\(phase) 100.0% [\(full)] \(batches)/\(batches) "
            #expect(occurrences(of: first, in: bar) == Self.epochs, "\(phase): no start redraw per epoch in \(bar.debugDescription)")
            #expect(occurrences(of: last, in: bar) == Self.epochs, "\(phase): no final redraw per epoch in \(bar.debugDescription)")
        }
        // Then the line is blanked, so the table row that follows starts clean.
        #expect(bar.contains("\r" + String(repeating: " ", count: 30)))
        // Per epoch: the train bar, then the valid bar.
        let phases = bar.components(separatedBy: "\r").compactMap { draw -> String? in
            draw.hasPrefix("train ") ? "train" : draw.hasPrefix("valid ") ? "valid" : nil
        }
        var order: [String] = []
        for p in phases where order.last != p { order.append(p) }
        #expect(order == Array(repeating: ["train", "valid"], count: Self.epochs).flatMap { $0 }, "\(order)")
        // The table goes to stdout, untouched by the bar.
        #expect(!tty.stdout.contains("\r"))
        #expect(tty.stdout.contains("epoch  train_loss  valid_loss  accuracy  error_rate  time"))

        // The same run in a pipe: no bar, no carriage returns, and the same numbers.
        let piped = try runGPUTrain(Self.arguments)
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(piped.stderr.isEmpty, "bar noise in a pipe: \(piped.stderr.debugDescription)")
        #expect(!piped.stdout.contains("\r"))
        #expect(!piped.stdout.contains("train ") && !piped.stdout.contains("valid "))
        func rows(_ s: String) -> [String] {
            // Epoch rows without their time column.
            s.split(separator: "\n").filter { $0.first?.isNumber == true }.map { $0.split(separator: " ").dropLast().joined(separator: " ") }
        }
        #expect(rows(piped.stdout).count == Self.epochs)
        #expect(rows(piped.stdout) == rows(tty.stdout), "drawing the bar changed the results")
    }
}
