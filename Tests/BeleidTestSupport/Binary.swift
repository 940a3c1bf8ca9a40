import Foundation

/// Runs the built `beleid` binary, as a user would.
package enum Beleid {
  /// The binary: $BELEID_BINARY, else the one built beside the running
  /// tests (so `swift test -c release` runs the release binary).
  package static var path: String {
    if let given = ProcessInfo.processInfo.environment["BELEID_BINARY"], !given.isEmpty { return given }
    // The test runner (beleidPackageTests.xctest) sits in the build
    // folder of its configuration, beside the products.
    let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var folder = runner.deletingLastPathComponent()
    while folder.path != "/" {
      let candidate = folder.appendingPathComponent("beleid").path
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
      if folder.lastPathComponent == ".build" { break }
      folder = folder.deletingLastPathComponent()
    }
    return SharedData.packageRoot.appendingPathComponent(".build/debug/beleid").path
  }

  /// The error a test gets when the binary is missing: a failure, not a
  /// skip, since a suite that silently skipped every CLI test would pass.
  package struct Missing: Error, CustomStringConvertible {
    package let path: String
    package var description: String { "no beleid binary at \(path): run swift build, or set BELEID_BINARY" }
  }

  /// The fuzz targets' replayer (`beleid-fuzz`), built beside beleid.
  package static var fuzzPath: String {
    URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("beleid-fuzz").path
  }

  /// What a run printed and how it ended.
  package struct Result: Sendable {
    package var status: Int32
    package var output: String
    package var error: String
  }

  /// Runs beleid (or `executable`) with `arguments` in `directory` and
  /// waits for it; its standard input is empty.
  @discardableResult
  package static func run(
    _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:], executable: String? = nil
  ) throws -> Result {
    let process = try start(arguments, in: directory, environment: environment, executable: executable)
    let output = process.stdout.fileHandleForReading.readDataToEndOfFile()
    let error = process.stderr.fileHandleForReading.readDataToEndOfFile()
    process.process.waitUntilExit()
    return Result(
      status: process.process.terminationStatus, output: String(decoding: output, as: UTF8.self),
      error: String(decoding: error, as: UTF8.self))
  }

  /// A running beleid process and its pipes.
  package struct Running: @unchecked Sendable {
    package let process: Process
    package let stdout: Pipe
    package let stderr: Pipe
  }

  /// Starts beleid without waiting; with `input`, its standard input is
  /// that pipe.
  package static func start(
    _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:], input: Pipe? = nil,
    executable: String? = nil
  ) throws -> Running {
    let binary = executable ?? path
    guard FileManager.default.isExecutableFile(atPath: binary) else { throw Missing(path: binary) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.standardInput = input ?? FileHandle.nullDevice
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    var env = ProcessInfo.processInfo.environment
    env["BELEID_INDEX"] = nil
    // A lexicon imported on this machine would change translations: tests
    // that want one name it.
    if env["BELEID_LEXICON"] == nil { env["BELEID_LEXICON"] = "off" }
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    return Running(process: process, stdout: stdout, stderr: stderr)
  }
}

extension Beleid {
  /// What a measured run printed, how it ended, and its peak memory.
  package struct Measured: Sendable {
    package var status: Int32
    package var output: String
    package var error: String
    /// The child's own peak resident size (`ru_maxrss` from `wait4`), KiB.
    package var peakKiB: Int
  }

  /// Runs beleid with `arguments` and measures its peak resident size.
  ///
  /// `getrusage(RUSAGE_CHILDREN)` would give the largest of every child the
  /// test process ever waited for, other tests' included; `wait4` gives this
  /// one's alone, so the child is spawned and reaped here, not by `Process`.
  package static func runMeasured(_ arguments: [String], environment: [String: String] = [:]) throws -> Measured {
    let folder = try makeTemporaryDirectory("beleid-measured")
    let outPath = folder.appendingPathComponent("stdout").path
    let errPath = folder.appendingPathComponent("stderr").path
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    var env = ProcessInfo.processInfo.environment
    env["BELEID_INDEX"] = nil
    // A lexicon imported on this machine would change translations: tests
    // that want one name it.
    if env["BELEID_LEXICON"] == nil { env["BELEID_LEXICON"] = "off" }
    for (key, value) in environment { env[key] = value }
    let argv = ([path] + arguments).map { strdup($0) } + [nil]
    let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      for pointer in argv { free(pointer) }
      for pointer in envp { free(pointer) }
    }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, path, &actions, nil, argv, envp)
    guard spawned == 0 else { throw CocoaError(.executableLoad) }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    let exited = status & 0x7f == 0
    return Measured(
      status: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f),
      output: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
      error: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "", peakKiB: usage.ru_maxrss)
  }
}
