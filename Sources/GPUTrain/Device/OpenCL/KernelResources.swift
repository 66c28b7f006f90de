import Foundation

/// The resources a compiled kernel takes per work-item or per work-group, as far as the driver tells:
/// what ``OpenCLBackend/resources(ofKernel:)`` and `gputrain tune` report. On a GPU these decide how many
/// work-groups share a compute unit, and a spill means the kernel's registers overflowed to memory.
public struct KernelResources: Sendable, Equatable {
    /// `CL_KERNEL_PRIVATE_MEM_SIZE`: per work-item; on NVIDIA the stack and spills.
    public var privateBytes: Int?
    /// `CL_KERNEL_LOCAL_MEM_SIZE`: the work-group's local memory.
    public var localBytes: Int?
    /// Registers per work-item, from ptxas's lines in an NVIDIA build log (`-cl-nv-verbose`); nil elsewhere.
    public var registers: Int?
    /// Bytes of spill stores per work-item, from the same lines; nil elsewhere.
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
            let words = line.split(separator: " ")
            for (i, word) in words.enumerated().dropLast() {
                if registers == nil, words[i + 1].hasPrefix("registers") { registers = Int(word) }
                if spill == nil, words[i + 1] == "bytes", words.dropFirst(i + 2).starts(with: ["spill", "stores,"]) {
                    spill = Int(word)
                }
            }
        }
        return (registers, spill)
    }
}
