import ArgumentParser
import BeleidAnalysis
import BeleidIndex
import BeleidSearch
import Foundation
import Synchronization

/// `beleid search --queries`: a file of queries, answered as TREC run lines
/// or JSON, on one thread or several over one open index.
extension Search {
  struct BatchResult: Codable {
    var qid: String
    var query: String
    var milliseconds: Double
    var hits: [BatchHit]
    var error: String?
  }

  struct BatchHit: Codable {
    var docid: String
    var score: Double
  }

  /// One `qid<TAB>query` line of a batch file, or why it is not one.
  struct BatchLine: Equatable, Sendable {
    var number: Int
    var qid: String
    var query: String
  }

  /// One query answered: its hits or why it failed, and how long it took.
  struct BatchAnswer: Sendable {
    var hits: [SearchHit] = []
    var failure: (any Error)?
    var milliseconds = 0.0

    /// Whether the index turned out damaged: no later query is run.
    var indexDamaged: Bool {
      if let error = failure as? IndexError, case .corrupted = error.kind { return true }
      return false
    }
  }

  /// The lines of a batch file, and errors for the malformed ones.
  ///
  /// Lines end at line feeds only (a query may hold U+2028, a form feed or
  /// a lone CR as text; a CR before the line feed is dropped); a UTF-8 BOM
  /// is ignored and blank lines are skipped. Each error names its line.
  static func batchLines(_ bytes: [UInt8]) -> (lines: [BatchLine], errors: [String]) {
    var body = bytes[...]
    if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
    var lines: [BatchLine] = []
    var errors: [String] = []
    for (index, raw) in body.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
      var line = String(decoding: raw, as: UTF8.self)
      if line.hasSuffix("\r") { line.removeLast() }
      if line.allSatisfy(\.isWhitespace) { continue }
      let number = index + 1
      guard let tab = line.firstIndex(of: "\t") else {
        errors.append("line \(number): no tab; a batch line is qid<TAB>query")
        continue
      }
      let qid = String(line[..<tab]).trimmingCharacters(in: .whitespaces)
      let query = String(line[line.index(after: tab)...])
      if qid.isEmpty {
        errors.append("line \(number): the query id before the tab is empty")
      } else if qid.contains(where: \.isWhitespace) {
        errors.append("line \(number): the query id '\(qid)' holds white space, which a TREC run cannot")
      } else if query.allSatisfy(\.isWhitespace) {
        errors.append("line \(number): query \(qid) is empty")
      } else {
        lines.append(BatchLine(number: number, qid: qid, query: query))
      }
    }
    return (lines, errors)
  }

  /// Runs a batch file and prints each query's hits in the file's order.
  func runBatch(_ file: String, reader: IndexReader, language: Language?) throws {
    let bytes = try runCatching { try readInput(file) }
    let planners = try glossary.planners(for: reader, translate: !noTranslate, dictionary: !noDictionary)
    let searcher = Searcher(reader: reader)
    let (lines, errors) = Self.batchLines(bytes)
    for error in errors { printError("error: \(file == "-" ? "standard input" : file): \(error)") }
    let request = Searcher.Request(
      limit: limit, offset: offset, fields: false, timeLimit: .milliseconds(queryTimeLimit))
    let literal = literal
    let answer = { @Sendable (line: BatchLine, planner: QueryPlanner) -> BatchAnswer in
      var answer = BatchAnswer()
      let elapsed = ContinuousClock().measure {
        do {
          let plan = try planner.plan(try Self.parse(line.query, literal: literal), language: language)
          answer.hits = try searcher.search(plan, request).hits
        } catch {
          answer.failure = error
        }
      }
      answer.milliseconds =
        Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
      return answer
    }
    if warmUp {
      let planner = planners.make()
      for line in lines { _ = answer(line, planner) }
    }
    var output: [BatchResult] = []
    var failed = !errors.isEmpty
    var matched = false
    let answers = BatchAnswers(lines: lines, threads: threads, planners: planners, answer: answer)
    defer { answers.finish() }
    for (position, line) in lines.enumerated() {
      let answer = answers.wait(position)
      let batchHits = answer.hits.map { BatchHit(docid: Self.docid($0.key), score: $0.rankingScore) }
      matched = matched || !answer.hits.isEmpty
      let result = BatchResult(
        qid: line.qid, query: line.query, milliseconds: answer.milliseconds, hits: batchHits,
        error: answer.failure.map { "\($0)" })
      if jsonl {
        print(try encodeJSON(result))
        fflush(nil)  // stream: each line as its query finishes
      } else if json {
        output.append(result)
      } else {
        for (rank, hit) in batchHits.enumerated() {
          print("\(line.qid) Q0 \(hit.docid) \(rank + 1 + offset) \(String(format: "%.6f", hit.score)) beleid")
        }
      }
      if let failure = answer.failure {
        failed = true
        printError("error: query \(line.qid) (line \(line.number)): \(failure)")
        if answer.indexDamaged {
          // A damaged index answers no more queries: what it holds past
          // the damage cannot be trusted.
          answers.stop()
          let rest = lines.count - position - 1
          if rest > 0 { printError("error: the index is damaged; the \(rest) queries after \(line.qid) were not run") }
          break
        }
      }
    }
    if json { print(try encodeJSON(output)) }
    if failed { throw ExitCode(2) }
    if !matched { throw ExitCode(1) }
  }
}

/// The answers of a batch, computed on worker threads that share one
/// snapshot and each own a planner, and handed out in the file's order.
///
/// Workers take the next unanswered line; `wait(_:)` blocks until a given
/// line is answered, so output streams in order while later lines are
/// still being worked on. With one thread, each line is answered when it
/// is asked for, on the calling thread, as before threads existed.
final class BatchAnswers: Sendable {
  private let lines: [Search.BatchLine]
  private let answer: @Sendable (Search.BatchLine, QueryPlanner) -> Search.BatchAnswer
  private let planners: PlannerFactory
  private let threads: Int
  private let next = Atomic<Int>(0)
  private let stopped = Atomic<Bool>(false)
  private let answers: Locked<[Search.BatchAnswer?]>
  private let ready: [DispatchSemaphore]
  private let workers = DispatchGroup()
  /// The caller's planner, with one thread.
  private let inline: Locked<QueryPlanner?>

  init(
    lines: [Search.BatchLine], threads: Int, planners: PlannerFactory,
    answer: @escaping @Sendable (Search.BatchLine, QueryPlanner) -> Search.BatchAnswer
  ) {
    self.lines = lines
    self.answer = answer
    self.planners = planners
    self.threads = max(1, min(threads, lines.count))
    answers = Locked(Array(repeating: nil, count: lines.count))
    ready = lines.map { _ in DispatchSemaphore(value: 0) }
    inline = Locked(nil)
    guard self.threads > 1 else { return }
    for _ in 0..<self.threads {
      workers.enter()
      let thread = Thread { [self] in
        work()
        workers.leave()
      }
      // Deep enough for the recursive parser and planner at their limits.
      thread.stackSize = 8 << 20
      thread.start()
    }
  }

  /// Answers lines until none are left or the batch stopped.
  private func work() {
    let planner = planners.make()
    while !stopped.load(ordering: .relaxed) {
      let position = next.wrappingAdd(1, ordering: .relaxed).oldValue
      guard position < lines.count else { return }
      let found = answer(lines[position], planner)
      answers.withLock { $0[position] = found }
      ready[position].signal()
    }
  }

  /// The answer of line `position`, once it is ready.
  func wait(_ position: Int) -> Search.BatchAnswer {
    if threads == 1 {
      return inline.withLock { planner in
        if planner == nil { planner = planners.make() }
        return answer(lines[position], planner!)
      }
    }
    ready[position].wait()
    return answers.withLock { $0[position]! }
  }

  /// Asks the workers to take no more lines.
  func stop() { stopped.store(true, ordering: .relaxed) }

  /// Stops the workers and waits for them to finish their current lines.
  func finish() {
    stop()
    workers.wait()
  }
}
