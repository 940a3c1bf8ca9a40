/// The abbreviation lists the sentence splitter consults.
///
/// ICU has no Dutch sentence-break suppressions (CLDR has no `nl` segments
/// data), so these lists are ours. Entries are lower case, without the final
/// period. See ../shared/notes/summarization-and-glossary-anchors.md, A.2.1.
enum Abbreviations {
  /// Titles before a name, which never end a sentence (Dhr Jansen).
  static let titles: Set<String> = [
    "dhr", "mr", "mw", "mevr", "mej", "dr", "drs", "ir", "ing", "prof", "ds", "st", "jhr",
    "mgr", "mrs", "ms", "sr", "jr", "rev", "hon", "gen", "col", "capt", "lt", "sgt", "gov",
    "pres", "ir", "bc", "kol", "luit",
  ]

  /// References followed by a number, as in art 5 lid 2 or Stb 2026, 187.
  static let references: Set<String> = [
    "art", "artt", "nr", "nrs", "no", "nos", "blz", "p", "pp", "pag", "hfst", "par", "jo",
    "bijl", "sub", "stb", "stcrt", "trb", "ov", "fig", "tab", "vol", "sec", "ch", "para",
    "kamerstukken", "kst", "hr", "rvs", "ecli", "lid", "vgl", "cf", "zie", "jrg", "afd",
  ]

  /// Abbreviations that always have something after them in the sentence.
  ///
  /// For example o.a. (among others), d.w.z. (that is), e.g. and i.e.
  static let neverFinal: Set<String> = [
    "o.a", "oa", "bijv", "bv", "b.v", "d.w.z", "dwz", "m.b.t", "mbt", "m.b.v", "i.v.m", "ivm",
    "t.a.v", "tav", "t.o.v", "tov", "i.p.v", "ipv", "ca", "zgn", "z.g", "i.c.m", "e.g", "i.e",
    "cf", "viz", "vs", "m.u.v", "n.a.v", "nav", "t.w", "tw", "m.n", "mn", "vnl", "ong",
  ]

  /// Abbreviations usually inside a sentence, but able to end one.
  static let midSentence: Set<String> = [
    "resp", "evt", "incl", "excl", "jl", "a.s", "z.g.a.n", "t.z.t", "approx", "cq", "c.q", "mln",
    "mld", "mrd", "min", "max", "gem", "nl", "bijz", "jan", "feb", "mrt", "apr", "jun", "jul",
    "aug", "sep", "sept", "okt", "oct", "nov", "dec",
  ]

  /// Abbreviations that can end a sentence, as e.d does before Daarna.
  static let sentenceFinal: Set<String> = ["enz", "e.d", "etc", "e.a", "usw", "c.s", "cs"]
}
