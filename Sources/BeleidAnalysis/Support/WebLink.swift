/// Web addresses that are safe to put in a link.
package enum WebLink {
  /// `url` if it is an absolute `http` or `https` address without white
  /// space, quotes or angle brackets; nil otherwise.
  ///
  /// Documents bring their own URLs (front matter, JSON Lines, XML
  /// metadata). A `javascript:` or `data:` address, or one that would end
  /// an attribute or a Markdown autolink, never becomes a link.
  package static func safe(_ url: String?) -> String? {
    guard let url else { return nil }
    let lower = url.lowercased()
    guard lower.hasPrefix("https://") || lower.hasPrefix("http://"), url.utf8.count <= 4096 else { return nil }
    let unsafe = url.unicodeScalars.contains { scalar in
      scalar.value <= 0x20 || scalar.value == 0x7F || "\"'<>`\\".unicodeScalars.contains(scalar)
    }
    return unsafe ? nil : url
  }
}
