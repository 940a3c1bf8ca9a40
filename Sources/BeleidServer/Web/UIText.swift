import Foundation

/// The web app's labels in Dutch and English.
///
/// The language is the `ui` parameter's, else the first of Dutch or
/// English in the browser's `Accept-Language`, else English.
struct UIText: Sendable {
  let code: String
  let search: String
  let searchLabel: String
  let placeholder: String
  let crossLanguage: String
  let results: String
  let noResults: String
  let language: String
  let source: String
  let type: String
  let year: String
  let any: String
  let previous: String
  let next: String
  let page: String
  let concepts: String
  let summary: String
  let keyTerms: String
  let text: String
  let glossary: String
  let lookup: String
  let lookupLabel: String
  let domains: String
  let didYouMean: String
  let noMatch: String
  let backToSearch: String
  let otherLanguage: String
  let skipToResults: String
  let queryError: String
  let sort: String
  let byRelevance: String
  let byDate: String
  let newsletter: String
  let compose: String
  let choose: String
  let moveUp: String
  let moveDown: String
  let remove: String
  let preview: String
  let download: String
  let noneChosen: String
  let alsoIn: String
  let languageNames: [String: String]

  static let english = UIText(
    code: "en", search: "Search", searchLabel: "Search Dutch and English policy texts",
    placeholder: "e.g. supply chain security", crossLanguage: "Also find the other language (glossary)",
    results: "results", noResults: "No documents match.", language: "Language", source: "Source",
    type: "Document type", year: "Year",
    any: "all", previous: "Previous", next: "Next", page: "p.", concepts: "Glossary concepts used",
    summary: "Summary", keyTerms: "Key terms", text: "Text", glossary: "Glossary", lookup: "Look up",
    lookupLabel: "Look up a term in Dutch or English", domains: "Browse by domain", didYouMean: "Did you mean",
    noMatch: "No glossary term matches", backToSearch: "Back to the search", otherLanguage: "Nederlands",
    skipToResults: "Skip to the results", queryError: "The query cannot be read", sort: "Order",
    byRelevance: "relevance", byDate: "newest first", newsletter: "Newsletter",
    compose: "Compose a newsletter of the ticked documents", choose: "Add to the newsletter", moveUp: "up",
    moveDown: "down", remove: "remove", preview: "Preview (HTML e-mail)", download: "Download",
    noneChosen: "No documents chosen: tick hits on the search page first.", alsoIn: "Also in",
    languageNames: ["nl": "Dutch", "en": "English"])

  static let dutch = UIText(
    code: "nl", search: "Zoeken", searchLabel: "Zoek in Nederlandse en Engelse beleidsteksten",
    placeholder: "bijv. ketenveiligheid", crossLanguage: "Ook in de andere taal zoeken (glossarium)",
    results: "resultaten", noResults: "Geen documenten gevonden.", language: "Taal", source: "Bron",
    type: "Soort document", year: "Jaar",
    any: "alle", previous: "Vorige", next: "Volgende", page: "p.", concepts: "Gebruikte glossariumbegrippen",
    summary: "Samenvatting", keyTerms: "Kernbegrippen", text: "Tekst", glossary: "Glossarium", lookup: "Opzoeken",
    lookupLabel: "Zoek een term op in het Nederlands of Engels", domains: "Per domein", didYouMean: "Bedoelde u",
    noMatch: "Geen glossariumterm gevonden voor", backToSearch: "Terug naar de zoekresultaten",
    otherLanguage: "English", skipToResults: "Naar de resultaten", queryError: "De zoekvraag is niet te lezen",
    sort: "Volgorde", byRelevance: "relevantie", byDate: "nieuwste eerst", newsletter: "Nieuwsbrief",
    compose: "Maak een nieuwsbrief van de aangevinkte documenten", choose: "Opnemen in de nieuwsbrief",
    moveUp: "omhoog", moveDown: "omlaag", remove: "weghalen", preview: "Voorbeeld (HTML-e-mail)",
    download: "Downloaden", noneChosen: "Geen documenten gekozen: vink eerst resultaten aan op de zoekpagina.",
    alsoIn: "Ook in het",
    languageNames: ["nl": "Nederlands", "en": "Engels"])

  /// The labels for a request: `ui` if given, else `Accept-Language`.
  static func choose(ui: String?, acceptLanguage: String?) -> UIText {
    switch ui?.lowercased() {
    case "nl": return .dutch
    case "en": return .english
    default: break
    }
    for part in (acceptLanguage ?? "").lowercased().split(separator: ",") {
      let tag = part.split(separator: ";").first?.trimmingCharacters(in: .whitespaces) ?? ""
      if tag.hasPrefix("nl") { return .dutch }
      if tag.hasPrefix("en") { return .english }
    }
    return .english
  }

  /// The name of a language code in this language, or the code.
  func languageName(_ code: String?) -> String { code.flatMap { languageNames[$0] } ?? code ?? "" }
}
