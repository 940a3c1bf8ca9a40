import BeleidIndex
import Foundation

/// BM25F over a document's title and body (Robertson, Zaragoza and Taylor
/// 2004, the simple BM25F).
///
/// Each field's term frequency is normalised by its length against the
/// field's average, weighted (the title counts `titleWeight` times), and
/// summed into one pseudo frequency *t*; the score is
/// idf · *t*·(k1 + 1) / (k1 + *t*) with idf = ln(1 + (N − df + 0.5)/(df + 0.5)),
/// as in Lucene and Tantivy. Lengths come as one-byte codes, so the
/// normalisation is a lookup in two 256-entry tables computed per query.
package struct BM25: Sendable {
  /// Term-frequency saturation.
  package static let k1 = 1.2
  /// Length normalisation.
  package static let b = 0.75
  /// How much a title occurrence counts against a body occurrence.
  package static let titleWeight = 2.0

  /// 1 / (1 − b + b · length/average) per length code, body and title.
  let body: [Double]
  let title: [Double]

  /// Tables for the index's average lengths.
  package init(averageBody: Double, averageTitle: Double) {
    func table(_ average: Double) -> [Double] {
      (0..<256).map { code in
        let length = Double(FieldNorm.length(UInt8(code)))
        return 1 / (1 - Self.b + Self.b * length / max(average, 1))
      }
    }
    body = table(averageBody)
    title = table(averageTitle)
  }

  /// The inverse document frequency of a term in `df` of `n` documents.
  package static func idf(documentFrequency df: Int, documents n: Int) -> Double {
    log(1 + (Double(n) - Double(df) + 0.5) / (Double(df) + 0.5))
  }

  /// The pseudo frequency of weighted field frequencies.
  @inline(__always)
  func frequency(title: Double, body: Double, titleCode: UInt8, bodyCode: UInt8) -> Double {
    Self.titleWeight * title * self.title[Int(titleCode)] + body * self.body[Int(bodyCode)]
  }

  /// An upper bound on the pseudo frequency of any document of a block.
  @inline(__always)
  func blockFrequency(_ block: PostingsIterator.BlockMaxima) -> Double {
    let body = max(
      Double(block.bodyFrequencyLow) * self.body[Int(block.bodyNorm)],
      Double(block.bodyFrequency) * self.body[Int(block.bodyNormHigh)])
    return Self.titleWeight * Double(block.titleFrequency) * self.title[Int(block.titleNorm)] + body
  }

  /// The BM25F score of one document for a leaf's weighted title and body
  /// frequencies: the one place the formula is written out.
  ///
  /// `norms` holds two length codes per document, body then title.
  @inline(__always)
  func score(idf: Double, title: Double, body: Double, norms: UnsafeRawBufferPointer, document: Int32) -> Double {
    let index = 2 * Int(document)
    return Self.score(
      idf: idf, frequency: frequency(title: title, body: body, titleCode: norms[index + 1], bodyCode: norms[index]))
  }

  /// The score of a pseudo frequency.
  @inline(__always)
  static func score(idf: Double, frequency: Double) -> Double {
    idf * saturate(frequency)
  }

  /// The saturated score of a pseudo frequency, before idf.
  @inline(__always)
  static func saturate(_ frequency: Double) -> Double {
    frequency * (k1 + 1) / (k1 + frequency)
  }
}
