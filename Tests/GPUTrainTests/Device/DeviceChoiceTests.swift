import Foundation
@testable import GPUTrain
import Testing

@Suite("--device parsing and opening devices")
struct DeviceChoiceTests {
    @Test("accepted forms", arguments: [
        ("gpu", DeviceChoice.gpu), ("cpu", .cpu), ("GPU", .gpu), ("Cpu", .cpu),
        ("opencl:0", .opencl(platform: "0", device: "0")),
        ("opencl:0:1", .opencl(platform: "0", device: "1")),
        ("opencl:nvidia:h100", .opencl(platform: "nvidia", device: "h100")),
        ("OpenCL:Portable:pthread", .opencl(platform: "Portable", device: "pthread")),
    ])
    func accepted(text: String, expected: DeviceChoice) throws {
        let choice = try DeviceChoice(parsing: text)
        #expect(choice == expected)
        // The description is a form the parser takes back (opencl:P always with its device).
        #expect(try DeviceChoice(parsing: choice.description) == choice, "\(choice)")
    }

    @Test("rejected forms name the text and the accepted forms",
          arguments: ["", "tpu", "opencl", "opencl:", "opencl:0:", "opencl::0", "opencl:0:1:2", "gpu:0", "cpu:", " gpu", "gpu "])
    func rejected(text: String) {
        let error = #expect(throws: DeviceSelectionError.self, "'\(text)' should be rejected") { try DeviceChoice(parsing: text) }
        guard let error else { return }
        for word in ["'\(text)'", "gpu", "cpu", "opencl:PLATFORM:DEVICE"] {
            #expect(error.description.contains(word), "'\(error)' does not mention \(word)")
        }
        #expect(!error.description.contains("\n"), "one line: '\(error)'")
    }

    @Test("GPUTRAIN_NO_FALLBACK: unset, empty, 0, false, no and off allow the fallback; anything else forbids it",
          arguments: [(nil, true), ("", true), ("0", true), ("false", true), ("FALSE", true), ("no", true), (" off ", true),
                      ("1", false), ("true", false), ("yes", false), ("2", false)] as [(String?, Bool)])
    func noFallbackVariable(value: String?, allowed: Bool) {
        #expect(Devices.fallbackAllowed(noFallbackValue: value) == allowed, "GPUTRAIN_NO_FALLBACK=\(value ?? "unset")")
    }

    // Decisive when it is the process's first OpenCL call (`swift test --filter concurrentListing` on a
    // fresh process): PoCL 3.1 then answers every thread but the first with CL_DEVICE_NOT_FOUND unless
    // the listing is serialised.
    @Test("eight threads listing the platforms at once all see the same devices",
          .enabled(if: OpenCLTests.enabled, OpenCLTests.skipReason))
    func concurrentListing() throws {
        let seen = LockedArray<String>()
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            let text = (try? OpenCLPlatforms.list())
                .map { $0.map { "\($0.name): \($0.devices.map(\.name)) \($0.deviceError.map { $0.name } ?? "")" } }
            seen.append(text.map { $0.joined(separator: "; ") } ?? "threw")
        }
        let all = seen.values
        #expect(all.count == 8)
        #expect(Set(all).count == 1, "\(Set(all))")
        #expect(all.allSatisfy { !$0.contains("NOT_FOUND") && $0 != "threw" }, "\(all[0])")
    }

    @Test("cpu opens the Swift backend, with no fallback reason")
    func openCPU() throws {
        for allow in [true, false] {
            let opened = try Devices.open(.cpu, allowFallback: allow)
            #expect(opened.backend is CPUBackend)
            #expect(opened.backend.kind == .cpu)
            #expect(opened.backend.name.hasPrefix("CPU (Swift"))
            #expect(opened.fallbackReason == nil)
            #expect(opened.notices.isEmpty)
            // It computes: a 1×2·2×1 product of fresh values.
            var rng = TestRNG("open-cpu\(allow)")
            let v = rng.floats(4)
            let b = opened.backend
            let c = try b.makeMatrix(rows: 1, cols: 1)
            try b.matmul(try b.matrix(rows: 1, cols: 2, Array(v[0..<2])), try b.matrix(rows: 2, cols: 1, Array(v[2..<4])), into: c)
            // Two products and a sum: within 2 ulps of the Double result, 1e-6 absolute for |v| ≤ 1.
            #expect(abs(Double(try b.download(c)[0]) - (Double(v[0]) * Double(v[2]) + Double(v[1]) * Double(v[3]))) <= 1e-6)
        }
    }
}

/// Opening `opencl:P:D` for real. Each test does all its work inside `OpenCLTests.withBackend`, so every
/// OpenCL call (including the separate backends opened here) runs on the one shared OpenCL thread.
@Suite("Opening OpenCL devices by address and name", .enabled(if: OpenCLTests.enabled, OpenCLTests.skipReason))
struct OpenCLDeviceChoiceTests {
    /// The first platform with a device, and that device (`opencl:0:0` on a machine with PoCL only).
    static func firstDevice() throws -> (OpenCLPlatformInfo, OpenCLDeviceInfo) {
        let platforms = try OpenCLPlatforms.list()
        let platform = try #require(platforms.first { !$0.devices.isEmpty }, "no OpenCL platform with a device")
        return (platform, platform.devices[0])
    }

    @Test("opencl:P:D by index opens that device")
    func byIndex() throws {
        try OpenCLTests.withBackend { _ in
            let (platform, device) = try Self.firstDevice()
            let choice = try DeviceChoice(parsing: "opencl:\(platform.index):0")
            let opened = try Devices.open(choice, allowFallback: false)
            let backend = try #require(opened.backend as? OpenCLBackend, "got \(opened.backend.name)")
            #expect(backend.kind == .opencl)
            #expect(backend.device.address == "opencl:\(platform.index):0")
            #expect(backend.device.name == device.name && backend.device.platformName == platform.name)
            #expect(backend.name == "OpenCL: \(device.name) (\(platform.name))")
            #expect(opened.fallbackReason == nil)
            // It runs a kernel: x + bias with ReLU on fresh values.
            var rng = TestRNG("open-opencl")
            let xv = rng.floats(6), bv = rng.floats(3)
            let x = try backend.matrix(rows: 2, cols: 3, xv)
            try backend.addBias(try backend.matrix(rows: 1, cols: 3, bv), to: x, relu: true)
            // One float addition per element; the device may not round identically: 1e-6 absolute.
            let got = try backend.download(x), want = xv.indices.map { max(xv[$0] + bv[$0 % 3], 0) }
            #expect(zip(got, want).allSatisfy { abs($0 - $1) <= 1e-6 }, "\(got) vs \(want)")
        }
    }

    @Test("a platform or device that does not exist is an error listing what does")
    func missing() throws {
        try OpenCLTests.withBackend { _ in
            let platforms = try OpenCLPlatforms.list()
            let (platform, device) = try Self.firstDevice()
            let everyPlatform = platforms.map { "\($0.index) '\($0.name)'" }
            var rng = TestRNG("open-missing")
            let bogus = "no-such-vendor-\(Int.random(in: 1000...9999, using: &rng))"
            let cases: [(DeviceChoice, [String])] = [
                (.opencl(platform: "99", device: "0"), ["no OpenCL platform '99'"] + everyPlatform),
                (.opencl(platform: bogus, device: "0"), ["no OpenCL platform"] + everyPlatform),
                (.opencl(platform: "-1", device: "0"), ["no OpenCL platform '-1'"] + everyPlatform),
                (.opencl(platform: "\(platform.index)", device: "99"),
                 ["has no device '99'", platform.name] + platform.devices.map { "\($0.deviceIndex) '\($0.name)'" }),
                (.opencl(platform: "\(platform.index)", device: "no-such-device"), ["has no device 'no-such-device'", "0 '\(device.name)'"]),
            ]
            for (choice, words) in cases {
                // Never a fallback, whatever allowFallback says.
                for allow in [true, false] {
                    let error = #expect(throws: DeviceSelectionError.self, "\(choice) allowFallback \(allow)") {
                        _ = try Devices.open(choice, allowFallback: allow)
                    }
                    guard let error else { continue }
                    #expect(error.description.hasPrefix("--device \(choice):"), "\(error)")
                    for word in words {
                        #expect(error.description.contains(word), "'\(error)' does not mention \(word)")
                    }
                }
            }
        }
    }

    @Test("platform and device names match case-insensitively by any part")
    func byName() throws {
        try OpenCLTests.withBackend { _ in
            let (platform, device) = try Self.firstDevice()
            // The longest word of each name, in the other case: "Portable Computing Language" → "COMPUTING".
            func part(_ name: String) -> String {
                let words: [Substring] = name.split { (c: Character) in c == " " || c == "-" }
                let word = words.max { $0.count < $1.count }.map { String($0) } ?? name
                return word == word.uppercased() ? word.lowercased() : word.uppercased()
            }
            let (p, d) = (part(platform.name), part(device.name))
            #expect(p != platform.name, "the selector differs from the name it matches")
            let opened = try Devices.open(try DeviceChoice(parsing: "opencl:\(p):\(d)"), allowFallback: false)
            let backend = try #require(opened.backend as? OpenCLBackend)
            // On a machine with several platforms the name may match an earlier one; it must still contain p.
            #expect(backend.device.platformName.lowercased().contains(p.lowercased()))
            #expect(backend.device.name.lowercased().contains(d.lowercased()))
            if (try OpenCLPlatforms.list()).filter({ $0.name.lowercased().contains(p.lowercased()) }).count == 1 {
                #expect(backend.device.platformIndex == platform.index, "\(backend.device.address)")
            }
        }
    }
}

final class LockedArray<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [T] = []
    func append(_ item: T) { lock.withLock { items.append(item) } }
    var values: [T] { lock.withLock { items } }
}
