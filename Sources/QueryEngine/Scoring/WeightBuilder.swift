import IndexStore
import Ingest
import TextAnalysis

/// Binds a `Query` to an index snapshot: analyzes its text with the index's
/// own analyzer, expands synonyms, looks up statistics, and records the terms
/// a snippet should highlight.
///
/// How text becomes terms:
/// - A chunk of one word matches that word in each searched field (title,
///   unit, body, each with its boost) OR its exact characters in the bigram
///   stream, scaled by `bigramFactor`, so a short name inside a longer name
///   (金源造纸 in 益阳金源造纸有限公司) is always found.
/// - A chunk the analyzer cuts into several words matches documents holding
///   ALL of those words, or the chunk as an exact phrase.
/// - A phrase matches its bigram sequence at consecutive positions (one
///   Chinese character also as a word).
/// - Each word also matches its synonyms, scaled by `synonymFactor`; a phrase
///   is expanded member by member (one word replaced at a time).
struct WeightBuilder {
  let reader: IndexReader
  let analyzer: Analyzer
  let synonyms: SynonymMap
  let options: ScoringOptions
  let regions: (String) -> Set<String>

  /// What the snippet builder highlights: word terms and bigram phrases.
  private(set) var highlights = HighlightTerms()

  init(reader: IndexReader, analyzer: Analyzer, synonyms: SynonymMap, options: ScoringOptions,
       regions: @escaping (String) -> Set<String>) {
    self.reader = reader
    self.analyzer = analyzer
    self.synonyms = synonyms
    self.options = options
    self.regions = regions
  }

  /// Builds the weight of a whole query. At the top level, a chunk of
  /// Chinese text that the analyzer cuts into several words (typed without
  /// spaces: 噪音扰民) is read as those words, each optional, plus the chunk
  /// as an exact phrase, so documents with more of them rank first and the
  /// exact text ranks highest.
  mutating func buildQuery(_ query: Query) -> Weight {
    build(spreadChunks(query))
  }

  /// Which clauses of the top-level boolean are phrases `spreadChunks`
  /// made of unquoted chunks: not quoted, so their synonyms may be broader
  /// than they are (a quoted phrase of the same text is not). Taken by the
  /// first boolean built, the top one.
  private var spreadPhrases = Set<Int>()
  /// Analyses of the query's texts, each text analyzed once per query.
  private var analyses: [String: Analysis] = [:]

  private mutating func spreadChunks(_ query: Query) -> Query {
    switch query {
    case .words(let text, let field):
      guard let parts = parts(of: text) else { return query }
      spreadPhrases.insert(parts.count)
      return .boolean(parts.map { Query.Clause(.should, .words($0, field: field)) }
        + [Query.Clause(.should, .phrase(text, field: field))])
    case .boolean(let clauses):
      var spread: [Query.Clause] = []
      for clause in clauses {
        if clause.occur == .should, case .words(let text, let field) = clause.query, let parts = parts(of: text) {
          spread += parts.map { Query.Clause(.should, .words($0, field: field)) }
          spreadPhrases.insert(spread.count)
          spread.append(Query.Clause(.should, .phrase(text, field: field)))
        } else {
          spread.append(clause)
        }
      }
      return .boolean(spread)
    default:
      return query
    }
  }

  /// The words of a chunk with Chinese text that analyzes to several words,
  /// as they are written in it; nil otherwise (a code such as NH3-N stays
  /// whole). Single Chinese characters are left to the chunk's phrase: alone
  /// they match far too much (臭味 cut into 臭 and 味 stays one chunk).
  private func parts(of text: String) -> [String]? {
    guard text.unicodeScalars.contains(where: { $0.properties.isIdeographic }) else { return nil }
    let words = analyzer.tokens(text).filter { !($0.kind == .ideographic && $0.text.unicodeScalars.count == 1) }
    guard words.count > 1 else { return nil }
    let utf8 = Array(text.utf8)
    return words.map { String(decoding: utf8[$0.utf8Range], as: UTF8.self) }
  }

  mutating func build(_ query: Query) -> Weight {
    switch query {
    case .words(let text, let field):
      return words(text, fields: field.map { [$0] } ?? TextField.allCases)
    case .phrase(let text, let field):
      return phrase(text, fields: field.map { [$0] } ?? TextField.allCases)
    case .filter(let filter):
      return .filter(resolve(filter))
    case .all:
      return .all
    case .boolean(let all):
      // Text with no term at all (punctuation, a `+` standing alone) is left
      // out beside searchable words, as Lucene's parser drops it: `噪音 +，` is
      // `噪音`, not nothing. (A stop word such as 了 still has its term in the
      // bigram stream, where it stands alone, and is kept.)
      let spread = spreadPhrases
      spreadPhrases = []
      var searchable: [Int] = []
      for index in all.indices where all[index].occur == .mustNot || !isUnsearchable(all[index].query) {
        searchable.append(index)
      }
      var kept = searchable.contains { !all[$0].query.isFilter && all[$0].occur != .mustNot } ? searchable
        : Array(all.indices)
      // A star standing alone is every document only with no word beside it
      // to match: there it is a pasted footnote mark or a divider (`噪声 * 超标`,
      // `* * *`), which would otherwise make every document match.
      if kept.contains(where: { all[$0].occur != .mustNot && all[$0].query.hasWords }) {
        kept.removeAll { all[$0].occur != .mustNot && all[$0].query == .all }
      }
      let clauses = kept.map { all[$0] }
      var must: [Weight] = []
      var should: [Weight] = []
      var mustNot: [Weight] = []
      // Filters restrict; they do not stand in for the words beside them.
      let onlyFiltersRequired = clauses.allSatisfy { clause in
        guard clause.occur == .must else { return true }
        return clause.query.isFilter
      }
      for (index, clause) in zip(kept, clauses) {
        // Excluded words are not highlighted.
        let saved = highlights
        let weight: Weight
        switch (clause.occur, clause.query) {
        case (.mustNot, .words(let text, let field)), (.mustNot, .phrase(let text, let field)):
          // An exclusion is literal, quoted or not: `-已整改` drops documents
          // that contain 已整改, not every document with 整改 (已 is a stop
          // word) or with a synonym of it.
          weight = phrase(text, fields: field.map { [$0] } ?? TextField.allCases, expand: false)
        case (_, .phrase(let text, let field)) where spread.contains(index):
          weight = phrase(text, fields: field.map { [$0] } ?? TextField.allCases, quoted: false)
        default:
          weight = build(clause.query)
        }
        switch clause.occur {
        case .must: must.append(weight)
        case .should: should.append(weight)
        case .mustNot:
          highlights = saved
          mustNot.append(weight)
        }
      }
      return .boolean(must: must, should: should, mustNot: mustNot, requireShould: onlyFiltersRequired)
    }
  }

  /// The analysis of a text of the query (made once per text).
  private mutating func analysis(of text: String) -> Analysis {
    if let known = analyses[text] { return known }
    let analysis = analyzer.analyze(text)
    analyses[text] = analysis
    return analysis
  }

  /// Whether `query` is words or a phrase that analyzes to no term at all.
  private mutating func isUnsearchable(_ query: Query) -> Bool {
    switch query {
    case .words(let text, _), .phrase(let text, _):
      let analysis = self.analysis(of: text)
      return analysis.words.isEmpty && analysis.bigrams.isEmpty
    default: return false
    }
  }

  // MARK: - Words and phrases

  private mutating func words(_ text: String, fields: [TextField]) -> Weight {
    let analysis = self.analysis(of: text)
    var seen = Set<String>()
    let terms = analysis.words.map(\.text).filter { seen.insert($0).inserted }
    var alternatives: [Weight] = []
    if terms.count == 1 {
      alternatives.append(word(terms[0], label: text, fields: fields))
    } else if terms.count > 1 {
      alternatives.append(.boolean(must: terms.map { word($0, label: text, fields: fields) }, should: [], mustNot: [],
                                   requireShould: false))
    }
    if let grams = gramPhrase(analysis, label: text, fields: fields, scale: options.bigramFactor,
                              note: "exact characters, bigram stream") {
      alternatives.append(grams)
      highlights.typed.insert(text)
    }
    if terms.count > 1 {
      let caps = hasExpansions(terms.joined()) ? idfs(fields) { field in terms.reduce(0) { $0 + wordIdf($1, field) } } : [:]
      // A synonym of the whole chunk that replaces one of its words by that
      // word's synonym is already matched by the words' own expansions.
      let covered = caps.isEmpty ? [] : memberVariants(text, analysis).map { analyzer.analyze($0) }
      alternatives += synonymAlternatives(of: terms.joined(), label: text, fields: fields, caps: caps,
                                          typed: analysis, covered: covered)
    }
    // A case number is looked up as an id when the words are searched everywhere (not `title:D4309…`).
    return .sum(alternatives + (fields.count == TextField.allCases.count ? [identifier(text)] : []))
  }

  /// A case number typed as a query finds its own document first (each
  /// segment looks the id up when it makes its scorer), at the score of a
  /// perfect title match of a unique term; typed in full-width characters
  /// or another case (ｄ４３０９…, d4309…), it finds the id as stored.
  private func identifier(_ text: String) -> Weight {
    let score = options.bm25.maxScore(maxTermFrequency: 1, minFieldLength: 1, averageFieldLength: 1,
                                      idf: BM25.idf(documentFrequency: 1, documentCount: reader.documentCount),
                                      boost: options.titleBoost)
    return .identifier(Self.idSpellings(text), score: score)
  }

  /// An id as typed, then in half-width characters, upper and lower case:
  /// the spellings looked up, the stored one being exact.
  static func idSpellings(_ text: String) -> [String] {
    let halfWidth = String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
      (0xFF01...0xFF5E).contains(scalar.value) ? Unicode.Scalar(scalar.value - 0xFEE0) ?? scalar : scalar
    }))
    var spellings: [String] = []
    for spelling in [text, halfWidth, halfWidth.uppercased(), halfWidth.lowercased()]
    where !spellings.contains(where: { $0.utf8.elementsEqual(spelling.utf8) }) {
      spellings.append(spelling)
    }
    return spellings
  }

  /// One analyzed word in each field, plus its synonyms.
  private mutating func word(_ term: String, label: String, fields: [TextField]) -> Weight {
    // A lone Chinese character is highlighted only inside its chunk's exact
    // phrase: on its own it would light up every 黑 and 臭 of the text.
    if !(term.unicodeScalars.count == 1 && term.unicodeScalars.allSatisfy({ $0.properties.isIdeographic })) {
      highlights.words.insert(term)
      highlights.typed.insert(term)
    }
    var parts = fields.compactMap { termWeight(term, field: $0.words, label: label, boost: options.boost($0), note: nil) }
    let caps = hasExpansions(term) ? idfs(fields) { wordIdf(term, $0) } : [:]
    parts += synonymAlternatives(of: term, label: label, fields: fields, caps: caps)
    return parts.isEmpty ? .nothing : .sum(parts)
  }

  /// A synonym's weights, each with its idf capped at `caps[field]`, the
  /// typed text's own idf in the field: a synonym match then scores at most
  /// `synonymFactor` times what the typed word scores in the same place,
  /// however rare the synonym (a long one is a phrase whose idf sums its
  /// bigrams').
  private mutating func synonymAlternatives(of term: String, label: String, fields: [TextField],
                                            caps: [TextField: Double], typed: Analysis? = nil,
                                            covered: [Analysis] = []) -> [Weight] {
    guard options.expandSynonyms else { return [] }
    var parts: [Weight] = []
    for (synonym, analysis) in distinctExpansions(synonyms.expansions(of: term), typed: typed, covered: covered) {
      let note = "synonym \(synonym) of \(label)"
      if analysis.words.count == 1 {
        let synonymTerm = analysis.words[0].text
        highlights.words.insert(synonymTerm)
        highlights.sameAs[synonymTerm] = term
        for field in fields {
          if let weight = termWeight(synonymTerm, field: field.words, label: label,
                                     boost: options.boost(field) * options.synonymFactor, note: note,
                                     idfCap: caps[field]) {
            parts.append(weight)
          }
        }
      } else if let grams = gramPhrase(analysis, label: label, fields: fields, scale: options.synonymFactor, note: note,
                                       idfCaps: caps) {
        parts.append(grams)
        highlights.sameAs[synonym] = term
      }
    }
    return parts
  }

  private mutating func phrase(_ text: String, fields: [TextField], expand: Bool = true, quoted: Bool = true) -> Weight {
    let analysis = self.analysis(of: text)
    var alternatives: [Weight] = []
    if let exact = gramPhrase(analysis, label: text, fields: fields, scale: 1, note: "exact phrase") {
      alternatives.append(exact)
      highlights.typed.insert(text)
    }
    // One Chinese character is in the bigram stream only where it stands
    // alone (a run of one); quoted, it finds at least what it finds unquoted:
    // the documents where it is a word.
    if analysis.words.count == 1, analysis.bigrams.count == 1, analysis.words[0].text.unicodeScalars.count == 1,
       analysis.words[0].kind == .ideographic {
      alternatives += fields.compactMap {
        termWeight(analysis.words[0].text, field: $0.words, label: text, boost: options.boost($0), note: nil)
      }
    }
    // A quoted case number (or one excluded, -D4309…) is its document too:
    // text without spaces that holds a digit (ids are numbered; a Chinese
    // phrase then costs no look-up).
    if !text.contains(where: \.isWhitespace), text.unicodeScalars.contains(where: { $0.properties.numericType == .decimal }),
       fields.count == TextField.allCases.count {
      alternatives.append(identifier(text))
    }
    if options.expandSynonyms && expand {
      // A variant's idf is capped at the typed phrase's.
      let expands = analysis.words.contains { hasExpansions($0.text) }
        || hasExpansions(analysis.words.map(\.text).joined())
      let caps = expands ? idfs(fields) { gramIdf(analysis, $0) } : [:]
      // Member by member: each word of the phrase replaced by each synonym;
      // then the synonyms of the whole phrase.
      let variants = memberVariants(text, analysis) + synonyms.expansions(of: analysis.words.map(\.text).joined())
      for (variant, variantAnalysis) in distinctExpansions(variants, typed: analysis, allPhrases: true,
                                                           quoted: quoted) {
        if let weight = gramPhrase(variantAnalysis, label: text, fields: fields, scale: options.synonymFactor,
                                   note: "synonym phrase \(variant)", idfCaps: caps) {
          alternatives.append(weight)
          highlights.sameAs[variant] = text
        }
      }
    }
    return alternatives.isEmpty ? .nothing : .sum(alternatives)
  }

  /// Each word of `text` replaced by each of its synonyms, in turn.
  private func memberVariants(_ text: String, _ analysis: Analysis) -> [String] {
    let utf8 = Array(text.utf8)
    var variants: [String] = []
    for token in analysis.words {
      for synonym in synonyms.expansions(of: token.text) {
        variants.append(String(decoding: utf8[..<token.utf8Range.lowerBound], as: UTF8.self) + synonym
          + String(decoding: utf8[token.utf8Range.upperBound...], as: UTF8.self))
      }
    }
    return variants
  }

  /// The expansions worth scoring, analyzed, in order: one per bigram
  /// sequence (金源紙廠 and 金源纸厂 are one; a member-by-member variant of a
  /// phrase may also be a synonym of the whole), none the same as the
  /// `typed` text's (whose exact characters are matched as a phrase) or a
  /// `covered` one's (matched already by the words' own synonyms), for a
  /// `quoted` phrase none that it holds (broader than what was typed: 属实
  /// for "问题属实" would find every 不属实), and then none holding as
  /// consecutive bigrams the sequence of `typed` or of another expansion
  /// kept that is matched as a phrase (every one when `allPhrases`, else
  /// those of several words): every document it matches, the shorter one
  /// matches too, so it would count the same place twice and rank a unit's
  /// full name (益阳市金源造纸有限公司 beside its alias 金源造纸) above the typed text.
  private func distinctExpansions(_ members: [String], typed: Analysis?, covered: [Analysis] = [],
                                  allPhrases: Bool = false, quoted: Bool = false) -> [(String, Analysis)] {
    let key = { (analysis: Analysis) -> [String] in analysis.bigrams.map(\.text) }
    let typedKey = typed.map(key) ?? []
    var seen = Set(((typed.map { [$0] } ?? []) + covered).map(key).filter { !$0.isEmpty })
    var kept: [(String, Analysis)] = []
    for member in members.map({ ($0, analyzer.analyze($0)) }) {
      let sequence = key(member.1)
      if sequence.isEmpty {
        if seen.insert(member.1.words.map(\.text)).inserted { kept.append(member) }
        continue
      }
      guard seen.insert(sequence).inserted else { continue }
      if quoted, sequence.count < typedKey.count, Self.holds(typedKey, sequence) { continue }
      kept.append(member)
    }
    // The shorter phrases a longer expansion may hold: only those still matched.
    let phrases = (kept.map(\.1).filter { allPhrases || $0.words.count > 1 }.map(key) + [typedKey]).filter { !$0.isEmpty }
    return kept.filter { member in
      let sequence = key(member.1)
      return !phrases.contains { $0.count < sequence.count && Self.holds(sequence, $0) }
    }
  }

  /// Whether `sequence` holds `part` as consecutive elements.
  private static func holds(_ sequence: [String], _ part: [String]) -> Bool {
    guard !part.isEmpty, part.count <= sequence.count else { return false }
    for start in 0...(sequence.count - part.count) where sequence[start..<start + part.count].elementsEqual(part) {
      return true
    }
    return false
  }

  /// The bigram sequence of an analyzed text as a phrase in each field.
  private mutating func gramPhrase(_ analysis: Analysis, label: String, fields: [TextField], scale: Double,
                                   note: String, idfCaps: [TextField: Double] = [:]) -> Weight? {
    let grams = analysis.bigrams
    guard !grams.isEmpty else { return nil }
    highlights.phrases.append(grams.map(\.text))
    let first = grams[0].position
    let terms = grams.map(\.text)
    let offsets = grams.map { $0.position - first }
    let parts = fields.compactMap { field in
      phraseWeight(terms, offsets: offsets, field: field.bigrams, label: label, boost: options.boost(field) * scale,
                   note: note, idfCap: idfCaps[field])
    }
    return parts.isEmpty ? nil : .sum(parts)
  }

  // MARK: - Statistics

  private func termWeight(_ term: String, field: IndexedField, label: String, boost: Double, note: String?,
                          idfCap: Double? = nil) -> Weight? {
    phraseWeight([term], offsets: [0], field: field, label: label, boost: boost, note: note, idfCap: idfCap)
  }

  /// Whether `term` has synonyms to expand to (the idf caps are looked up only then).
  private func hasExpansions(_ term: String) -> Bool {
    options.expandSynonyms && !synonyms.expansions(of: term).isEmpty
  }

  /// `idf` of each field, computed before a mutating call needs them.
  private func idfs(_ fields: [TextField], _ idf: (TextField) -> Double) -> [TextField: Double] {
    Dictionary(uniqueKeysWithValues: fields.map { ($0, idf($0)) })
  }

  /// A typed word's idf in a field's word list (as if in one document when in none).
  private func wordIdf(_ term: String, _ field: TextField) -> Double {
    BM25.idf(documentFrequency: max(1, reader.documentFrequency(field.words, term)),
             documentCount: reader.collectionStatistics(field.words).documentCount)
  }

  /// A typed phrase's idf in a field's bigram stream: its bigrams' summed.
  private func gramIdf(_ analysis: Analysis, _ field: TextField) -> Double {
    let documentCount = reader.collectionStatistics(field.bigrams).documentCount
    return analysis.bigrams.reduce(0) {
      $0 + BM25.idf(documentFrequency: max(1, reader.documentFrequency(field.bigrams, $1.text)), documentCount: documentCount)
    }
  }

  private func phraseWeight(_ terms: [String], offsets: [Int], field: IndexedField, label: String, boost: Double,
                            note: String?, idfCap: Double? = nil) -> Weight? {
    let statistics = reader.collectionStatistics(field)
    var idf = 0.0
    var smallestFrequency = Int.max
    var segmentInfos: [[TermInfo?]] = []
    for term in terms {
      let infos = reader.segments.map { $0.termInfo(field, term) }
      let frequency = infos.reduce(0) { $0 + ($1?.documentFrequency ?? 0) }
      if frequency == 0 { return nil }
      smallestFrequency = min(smallestFrequency, frequency)
      idf += BM25.idf(documentFrequency: frequency, documentCount: statistics.documentCount)
      segmentInfos.append(infos)
    }
    var weight = TermWeight(
      field: field, terms: terms, offsets: offsets, idf: idf, documentFrequency: smallestFrequency,
      documentCount: statistics.documentCount, averageFieldLength: statistics.averageFieldLength, boost: boost,
      bm25: options.bm25, label: label, note: note, segmentInfos: segmentInfos)
    if let idfCap, idf > idfCap {
      weight.idf = idfCap
      weight.uncappedIdf = idf
    }
    return .term(weight)
  }

  // MARK: - Filters

  /// A column filter accepting `values` in every spelling the analyzer
  /// normalizes alike, as a facet bucket counts them (`FacetAccumulator.finish`).
  private func spellings(_ column: ExactColumn, _ values: Set<String>) -> ResolvedFilter.Kind {
    .column(column, values: values, forms: Set(values.map(Analyzer.normalizedText)))
  }

  func resolve(_ filter: Filter) -> ResolvedFilter {
    switch filter {
    case .type(let value):
      // 信访件 finds the petitions; the value as written finds an index built before types were mapped.
      return ResolvedFilter(kind: spellings(.type, [value, DocumentTypes.canonical(value)]), label: "type:\(value)")
    case .region(let value):
      return ResolvedFilter(kind: spellings(.region, regions(value)), label: "region:\(value)")
    case .category(let value):
      return ResolvedFilter(kind: spellings(.category, [value]), label: "category:\(value)")
    case .id(let value):
      return ResolvedFilter(kind: .document(Self.idSpellings(value)), label: "id:\(value)")
    case .unitExact(let value):
      return ResolvedFilter(kind: .column(.unit, values: [value]), label: "unit=\(value)")
    case .date(let from, let to):
      return ResolvedFilter(kind: .date(from: from?.daysSinceEpoch, to: to?.daysSinceEpoch),
                            label: "date:\(from?.iso ?? "")..\(to?.iso ?? "")")
    }
  }
}

/// The normalized terms and bigram phrases a query matched with, for
/// highlighting.
struct HighlightTerms: Sendable {
  var words = Set<String>()
  var phrases: [[String]] = []
  /// A synonym (or synonym phrase) highlighted, and the typed text it stands
  /// for, as written: the snippet counts them as one query word (it
  /// normalizes them only when it has hits to build snippets for).
  var sameAs: [String: String] = [:]
  /// What the user typed, as written: never counted as another word, even
  /// when it is also a synonym of one.
  var typed = Set<String>()
}

extension TextField {
  /// The word field of this text field.
  var words: IndexedField {
    switch self {
    case .title: return .title
    case .unit: return .unit
    case .body: return .body
    }
  }

  /// The bigram (recall) field of this text field.
  var bigrams: IndexedField {
    switch self {
    case .title: return .titleBigrams
    case .unit: return .unitBigrams
    case .body: return .bodyBigrams
    }
  }
}
