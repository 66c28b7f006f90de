import COpenCL
import Foundation

/// One OpenCL device as the ICD loader reports it, with the limits the kernels are configured from.
public struct OpenCLDeviceInfo: CustomStringConvertible {
    /// Position of the platform in `clGetPlatformIDs` order, and of the device within it.
    public let platformIndex: Int, deviceIndex: Int
    /// `CL_PLATFORM_NAME` of its platform, e.g. `Portable Computing Language` or `NVIDIA CUDA`.
    public let platformName: String
    /// `CL_DEVICE_NAME`, e.g. `NVIDIA H100 80GB HBM3`.
    public let name: String
    /// `CL_DEVICE_VENDOR`.
    public let vendor: String
    /// `GPU`, `CPU`, `accelerator` or `other`.
    public let type: String
    /// `CL_DEVICE_MAX_COMPUTE_UNITS`: streaming multiprocessors on NVIDIA, cores on PoCL.
    public let computeUnits: Int
    /// Bytes of global and of local (work-group shared) memory.
    public let globalMemory: UInt64, localMemory: UInt64
    /// `CL_DEVICE_MAX_WORK_GROUP_SIZE`.
    public let maxWorkGroupSize: Int
    /// `CL_DEVICE_VERSION`, e.g. `OpenCL 3.0 PoCL 3.1+debian ...`.
    public let openCLVersion: String
    /// `CL_DRIVER_VERSION`.
    public let driverVersion: String
    /// `CL_DEVICE_EXTENSIONS`, space-separated.
    public let extensions: String
    let platformID: cl_platform_id
    let deviceID: cl_device_id

    /// Whether the driver reports a GPU.
    public var isGPU: Bool { type == "GPU" }

    /// Whether `CL_DEVICE_EXTENSIONS` lists `name`, e.g. `cl_khr_fp16`.
    public func hasExtension(_ name: String) -> Bool { extensions.split(separator: " ").contains { $0 == name } }

    /// `platform:device`, the form `--device opencl:P:D` takes.
    public var address: String { "opencl:\(platformIndex):\(deviceIndex)" }

    public var description: String { "\(name) (\(platformName))" }
}

/// An OpenCL platform and its devices, or why it has none usable.
public struct OpenCLPlatformInfo {
    /// Position in `clGetPlatformIDs` order: the `P` of `--device opencl:P:D`.
    public let index: Int
    /// `CL_PLATFORM_NAME`.
    public let name: String
    /// `CL_PLATFORM_VERSION`; empty when its devices could not be listed.
    public let version: String
    /// Its devices, in the driver's order.
    public let devices: [OpenCLDeviceInfo]
    /// Set when `clGetDeviceIDs` failed, e.g. `CL_DEVICE_NOT_FOUND` for a broken PoCL install.
    public let deviceError: OpenCLError?
}

/// What the ICD loader can see.
public enum OpenCLPlatforms {
    /// Every platform with its devices. An empty array means no platform at all (the loader returned
    /// `CL_PLATFORM_NOT_FOUND_KHR`, or no vendor file names a driver); other failures throw.
    ///
    /// Safe to call from several threads at once: calls are serialised, because some drivers are not.
    public static func list() throws -> [OpenCLPlatformInfo] {
        try enumeration.withLock { try unsynchronisedList() }
    }

    /// Drivers set themselves up on a process's first `clGetDeviceIDs`, and not every one does that
    /// safely from two threads: PoCL 3.1 (Debian 12's) answers a second caller with no devices
    /// (`CL_DEVICE_NOT_FOUND`) while the first is still probing, so two backends opened at once, as tests
    /// and multi-device code do, could see a working platform as empty.
    private static let enumeration = NSLock()

    private static func unsynchronisedList() throws -> [OpenCLPlatformInfo] {
        var count: cl_uint = 0
        let status = clGetPlatformIDs(0, nil, &count)
        if status == OpenCLError.platformNotFound || (status == CL_SUCCESS && count == 0) { return [] }
        try OpenCLError.check(status, "clGetPlatformIDs")
        var ids = [cl_platform_id?](repeating: nil, count: Int(count))
        try OpenCLError.check(clGetPlatformIDs(count, &ids, nil), "clGetPlatformIDs")
        return try ids.enumerated().map { index, id in
            let id = id!
            let name = try platformString(id, CL_PLATFORM_NAME)
            do {
                return OpenCLPlatformInfo(index: index, name: name, version: try platformString(id, CL_PLATFORM_VERSION),
                                          devices: try devices(of: id, platformIndex: index, platformName: name),
                                          deviceError: nil)
            } catch let error as OpenCLError {
                return OpenCLPlatformInfo(index: index, name: name, version: "", devices: [], deviceError: error)
            }
        }
    }

    static func devices(of platform: cl_platform_id, platformIndex: Int, platformName: String) throws -> [OpenCLDeviceInfo] {
        let all = cl_device_type(CL_DEVICE_TYPE_ALL)
        var count: cl_uint = 0
        try OpenCLError.check(clGetDeviceIDs(platform, all, 0, nil, &count), "clGetDeviceIDs(\(platformName))")
        var ids = [cl_device_id?](repeating: nil, count: Int(count))
        try OpenCLError.check(clGetDeviceIDs(platform, all, count, &ids, nil), "clGetDeviceIDs(\(platformName))")
        return try ids.enumerated().map { index, id in
            let id = id!
            let type: cl_device_type = try deviceValue(id, CL_DEVICE_TYPE)
            let typeName = type & cl_device_type(CL_DEVICE_TYPE_GPU) != 0 ? "GPU"
                : type & cl_device_type(CL_DEVICE_TYPE_CPU) != 0 ? "CPU"
                : type & cl_device_type(CL_DEVICE_TYPE_ACCELERATOR) != 0 ? "accelerator" : "other"
            let units: cl_uint = try deviceValue(id, CL_DEVICE_MAX_COMPUTE_UNITS)
            let wg: Int = try deviceValue(id, CL_DEVICE_MAX_WORK_GROUP_SIZE)
            return OpenCLDeviceInfo(
                platformIndex: platformIndex, deviceIndex: index, platformName: platformName,
                name: try deviceString(id, CL_DEVICE_NAME), vendor: try deviceString(id, CL_DEVICE_VENDOR),
                type: typeName, computeUnits: Int(units),
                globalMemory: try deviceValue(id, CL_DEVICE_GLOBAL_MEM_SIZE),
                localMemory: try deviceValue(id, CL_DEVICE_LOCAL_MEM_SIZE),
                maxWorkGroupSize: wg,
                openCLVersion: try deviceString(id, CL_DEVICE_VERSION),
                driverVersion: try deviceString(id, CL_DRIVER_VERSION),
                extensions: try deviceString(id, CL_DEVICE_EXTENSIONS),
                platformID: platform, deviceID: id)
        }
    }

    private static func platformString(_ id: cl_platform_id, _ param: Int32) throws -> String {
        var size = 0
        try OpenCLError.check(clGetPlatformInfo(id, cl_platform_info(param), 0, nil, &size), "clGetPlatformInfo")
        var bytes = [UInt8](repeating: 0, count: size + 1)
        try OpenCLError.check(clGetPlatformInfo(id, cl_platform_info(param), size, &bytes, nil), "clGetPlatformInfo")
        return String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self).trimmed
    }

    private static func deviceString(_ id: cl_device_id, _ param: Int32) throws -> String {
        var size = 0
        try OpenCLError.check(clGetDeviceInfo(id, cl_device_info(param), 0, nil, &size), "clGetDeviceInfo")
        var bytes = [UInt8](repeating: 0, count: size + 1)
        try OpenCLError.check(clGetDeviceInfo(id, cl_device_info(param), size, &bytes, nil), "clGetDeviceInfo")
        return String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self).trimmed
    }

    private static func deviceValue<T: FixedWidthInteger>(_ id: cl_device_id, _ param: Int32) throws -> T {
        var value: T = 0
        try OpenCLError.check(clGetDeviceInfo(id, cl_device_info(param), MemoryLayout<T>.size, &value, nil),
                              "clGetDeviceInfo")
        return value
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
