import BeleidGlossary
import BeleidTestSupport
import Foundation

/// The test bundle's fixture folder.
let fixtures = Bundle.module.resourceURL!.appendingPathComponent("Fixtures")

/// Writes `text` (or bytes) to a temporary file named `name` and returns its path.
func temporaryFile(_ name: String, _ bytes: [UInt8]) throws -> String {
  let url = try makeTemporaryDirectory("beleid-glossary").appendingPathComponent(name)
  try Data(bytes).write(to: url)
  return url.path
}

func temporaryFile(_ name: String, _ text: String) throws -> String {
  try temporaryFile(name, Array(text.utf8))
}

extension Glossary {
  /// The glossary without where each concept and term was read from, for
  /// comparing round trips (`==` ignores locations already; this also
  /// clears term lines).
  var withoutLines: Glossary {
    var copy = self
    for c in copy.concepts.indices {
      copy.concepts[c].location = nil
      for t in copy.concepts[c].terms.indices { copy.concepts[c].terms[t].line = nil }
    }
    return copy
  }
}
