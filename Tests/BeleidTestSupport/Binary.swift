import Foundation

/// Runs the built `beleid` binary, as a user would.
public enum Beleid {
  /// The binary: $BELEID_BINARY, else the debug build in .build.
  public static var path: String {
    if let given = ProcessInfo.processInfo.environment["BELEID_BINARY"], !given.isEmpty { return given }
    let build = SharedData.packageRoot.appendingPathComponent(".build")
    for candidate in [
      "debug/beleid", "x86_64-unknown-linux-gnu/debug/beleid", "aarch64-unknown-linux-gnu/debug/beleid",
    ] {
      let path = build.appendingPathComponent(candidate).path
      if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return build.appendingPathComponent("debug/beleid").path
  }

  /// Whether the binary is built.
  public static var isBuilt: Bool { FileManager.default.isExecutableFile(atPath: path) }

  /// The fuzz targets' replayer (`beleid-fuzz`), built beside beleid.
  public static var fuzzPath: String {
    URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("beleid-fuzz").path
  }

  /// What a run printed and how it ended.
  public struct Result: Sendable {
    public var status: Int32
    public var output: String
    public var error: String
  }

  /// Runs beleid (or `executable`) with `arguments` in `directory` and
  /// waits for it; its standard input is empty.
  @discardableResult
  public static func run(
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
  public struct Running: @unchecked Sendable {
    public let process: Process
    public let stdout: Pipe
    public let stderr: Pipe
  }

  /// Starts beleid without waiting; with `input`, its standard input is
  /// that pipe.
  public static func start(
    _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:], input: Pipe? = nil,
    executable: String? = nil
  ) throws -> Running {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable ?? path)
    process.standardInput = input ?? FileHandle.nullDevice
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    var env = ProcessInfo.processInfo.environment
    env["BELEID_INDEX"] = nil
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
