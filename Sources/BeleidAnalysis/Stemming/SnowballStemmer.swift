import CStemmer

/// A Snowball stemmer from the system libstemmer.
///
/// It owns an `sb_stemmer` handle and frees it in `deinit`. Snowball stemmers
/// keep state between calls, so this type is not `Sendable`: use one per
/// thread. The corresponding C functions are `sb_stemmer_new`,
/// `sb_stemmer_stem` and `sb_stemmer_delete`.
package final class SnowballStemmer {
  private let handle: OpaquePointer
  /// The Snowball algorithm name ("dutch", "english").
  package let algorithm: String

  /// Opens the Snowball `algorithm` for UTF-8.
  package init(algorithm: String) throws {
    guard let handle = sb_stemmer_new(algorithm, "UTF_8") else {
      throw AnalysisError.stemmerUnavailable(algorithm: algorithm)
    }
    self.handle = handle
    self.algorithm = algorithm
  }

  deinit { sb_stemmer_delete(handle) }

  /// Stems UTF-8 `word` and appends the stem to `output`.
  package func stem(_ word: UnsafeRawBufferPointer, into output: inout [UInt8]) {
    guard let base = word.baseAddress else { return }
    let result = sb_stemmer_stem(handle, base.assumingMemoryBound(to: sb_symbol.self), Int32(word.count))
    let length = Int(sb_stemmer_length(handle))
    guard let result else {
      output.append(contentsOf: word)
      return
    }
    output.append(contentsOf: UnsafeBufferPointer(start: result, count: length))
  }

  /// Stems `word`.
  package func stem(_ word: String) -> String {
    var word = word
    var output: [UInt8] = []
    word.withUTF8 { stem(UnsafeRawBufferPointer($0), into: &output) }
    return String(decoding: output, as: UTF8.self)
  }

  /// The Snowball algorithms this libstemmer offers.
  package static var availableAlgorithms: [String] {
    var names: [String] = []
    guard var list = sb_stemmer_list() else { return names }
    while let name = list.pointee {
      names.append(String(cString: name))
      list += 1
    }
    return names
  }
}
