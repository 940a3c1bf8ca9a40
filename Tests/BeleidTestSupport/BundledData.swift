package import BeleidGlossary
import Foundation

/// The data that ships in the repository: Glossary/ and Corpus/.
package enum BundledData {
  /// Glossary/, the curated term base.
  package static let glossary: URL = SharedData.packageRoot.appendingPathComponent("Glossary")
  /// Corpus/, the sample documents.
  package static let corpus: URL = SharedData.packageRoot.appendingPathComponent("Corpus")
}

/// The curated glossary, read once.
package let bundledGlossary: Glossary = {
  do {
    return try Glossary.read(BundledData.glossary.path).0
  } catch {
    fatalError("the bundled glossary does not load: \(error)")
  }
}()
