import ArgumentParser
import BeleidAnalysis
import BeleidDocuments
import Foundation

/// Reads a file, or standard input for "-", with a clear error.
func readInput(_ path: String) throws -> [UInt8] {
  if path == "-" {
    return [UInt8](FileHandle.standardInput.readDataToEndOfFile())
  }
  guard FileManager.default.fileExists(atPath: path) else {
    throw CLIError("no such file: \(path)")
  }
  guard let bytes = FileBytes.read(path) else {
    throw CLIError("cannot read \(path) (permissions?)")
  }
  return bytes
}

/// The language to use: the one given, or the detected one (Dutch on a tie).
func chooseLanguage(_ given: String?, for bytes: [UInt8]) -> (Language, detected: Bool) {
  if let given, let language = Language(code: given) { return (language, false) }
  let found = bytes.withUnsafeBytes { LanguageIdentifier().identify($0) }
  return (found.language ?? .dutch, true)
}

/// A user-facing failure: printed as "error: …", exit code 2.
struct CLIError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

func printError(_ message: String) {
  FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Compact JSON on one line, with sorted keys so that output is stable.
func encodeJSON<T: Encodable>(_ value: T) throws -> String {
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
  return String(decoding: try encoder.encode(value), as: UTF8.self)
}

/// Prints rows in aligned columns (widths counted in characters).
func printTable(header: [String], rows: [[String]]) {
  var widths = header.map(\.count)
  for row in rows {
    for (index, cell) in row.enumerated() where index < widths.count {
      widths[index] = max(widths[index], cell.count)
    }
  }
  func line(_ cells: [String]) -> String {
    cells.enumerated().map { index, cell in
      index == cells.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
    }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
  }
  print(line(header))
  for row in rows { print(line(row)) }
}

/// Runs `body`, turning library errors into a message on stderr and exit 2.
func runCatching<T>(_ body: () throws -> T) throws -> T {
  do {
    return try body()
  } catch let error as CLIError {
    printError("error: \(error.description)")
    throw ExitCode(2)
  } catch let error as ValidationError {
    throw error
  } catch let error as ExitCode {
    throw error
  } catch {
    printError("error: \(error)")
    throw ExitCode(2)
  }
}
