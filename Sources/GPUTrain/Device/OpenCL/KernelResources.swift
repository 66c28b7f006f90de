import Foundation

/// The resources a compiled kernel takes per work-item or per work-group, as far as the driver tells:
/// what ``OpenCLBackend/resources(ofKernel:)`` and `gputrain tune` report. On a GPU these decide how many
/// work-groups share a compute unit, and a spill means the kernel's registers overflowed to memory.
public struct KernelResources: Sendable, Equatable {
    /// `CL_KERNEL_PRIVATE_MEM_SIZE`: per work-item; on NVIDIA the stack and spills.
    public var privateBytes: Int?
    /// `CL_KERNEL_LOCAL_MEM_SIZE`: the work-group's local memory.
    public var localBytes: Int?
    /// Registers per work-item and bytes of spill stores, from ptxas's lines in an NVIDIA build log
    /// (`-cl-nv-verbose`); nil elsewhere.
    public var registers: Int?
    public var spillBytes: Int?

    /// Registers and spill stores of `kernel` from ptxas's verbose output, which reads
    ///     ptxas info    : Compiling entry function 'matmul' for 'sm_90'
    ///     ptxas info    : Function properties for matmul
    ///         0 bytes stack frame, 0 bytes spill stores, 0 bytes spill loads
    ///     ptxas info    : Used 166 registers, used 1 barriers, 33792 bytes smem
    /// (the lines between one "Compiling entry function" and the next belong to that function).
    static func fromPtxasLog(_ log: String, kernel: String) -> (registers: Int?, spillBytes: Int?) {
        var inKernel = false
        var registers: Int?, spill: Int?
        for line in log.split(whereSeparator: \.isNewline) {
            if line.contains("Compiling entry function") {
                if inKernel { break }
                inKernel = line.contains("'\(kernel)'")
                continue
            }
            guard inKernel else { continue }
            if registers == nil { registers = number(before: " registers", in: line, after: "Used ") }
            if spill == nil { spill = number(before: " bytes spill stores", in: line) }
        }
        return (registers, spill)
    }

    /// The integer just before `suffix` in `line` (after `prefix`, when given).
    private static func number(before suffix: String, in line: Substring, after prefix: String? = nil) -> Int? {
        guard let end = line.range(of: suffix)?.lowerBound else { return nil }
        var head = line[..<end]
        if let prefix {
            guard let start = head.range(of: prefix, options: .backwards)?.upperBound else { return nil }
            head = head[start...]
        }
        return Int(head.reversed().prefix { $0.isNumber }.reversed().map(String.init).joined())
    }
}
