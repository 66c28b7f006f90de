// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "gputrain",
    platforms: [.macOS(.v13)],
    products: [
        // The device API and trainer, for use from other Swift packages.
        .library(name: "GPUTrain", targets: ["GPUTrain"]),
        // The command-line tool: `swift run gputrain --device gpu`.
        .executable(name: "gputrain", targets: ["GPUTrainCLI"]),
    ],
    traits: [
        .trait(name: "MPI", description: "Data-parallel training over MPI: `mpirun -np N gputrain ...` (needs libopenmpi-dev)."),
        .default(enabledTraits: []),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // `swift package generate-documentation --target GPUTrain` builds the DocC catalog; nothing links it.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // <CL/cl.h> and libOpenCL (the ICD loader), found through pkg-config.
        .systemLibrary(
            name: "COpenCL",
            pkgConfig: "OpenCL",
            providers: [.apt(["ocl-icd-opencl-dev", "opencl-headers"])]
        ),
        // <mpi.h> (OpenMPI, through pkg-config), wrapped in a header of inline functions; only the MPI trait uses it,
        // so the default build needs no MPI anywhere and links no libmpi.
        .systemLibrary(
            name: "CMPI",
            pkgConfig: "ompi-c",
            providers: [.apt(["libopenmpi-dev"])]
        ),
        // Turns Kernels/*.cl and the library's CSV files into Swift string literals at build time, so the
        // binary needs no resource files.
        .executableTarget(name: "EmbedFilesTool"),
        .plugin(
            name: "EmbedFilesPlugin",
            capability: .buildTool(),
            dependencies: ["EmbedFilesTool"],
            // Kept under Sources/ so the top level stays Package.swift, Sources, Kernels, Tests, README.md.
            path: "Sources/EmbedFilesPlugin"
        ),
        // The CPU backend's matrix multiply: a packed, cache-blocked SGEMM in C with an AVX2+FMA micro-kernel
        // chosen at run time (no unsafe compiler flags, so the package stays usable as a dependency).
        .target(name: "CGemm"),
        .target(
            name: "GPUTrain",
            dependencies: [
                "CGemm",
                "COpenCL",
                .target(name: "CMPI", condition: .when(traits: ["MPI"])),
            ],
            // The Titanic CSV files are data the plugin embeds, not sources.
            exclude: ["Data/Titanic"],
            plugins: ["EmbedFilesPlugin"]
        ),
        .executableTarget(
            name: "GPUTrainCLI",
            dependencies: [
                "GPUTrain",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "GPUTrainTests", dependencies: ["GPUTrain"]),
        .testTarget(name: "GPUTrainCLITests", dependencies: ["GPUTrainCLI"]),
    ]
)
