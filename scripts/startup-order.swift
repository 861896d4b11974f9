// The link order that packs what a start touches into few pages (scripts/package runs this).
//
// Usage: swift scripts/startup-order.swift SYMBOLS TRACE... > order.txt
//   SYMBOLS  `nm -n -S --defined-only` of the unordered binary
//   TRACE    the addresses a run touched, first touch first, one hexadecimal address a line (valgrind's
//            lackey with --trace-mem=yes, deduplicated); other lines are skipped
//
// Prints, one a line, the symbols holding those addresses in the order the traces first touch them, then
// every protocol conformance descriptor (`…Mc`): the Swift runtime reads all of them at a program's first
// conformance check, wherever they lie. The linker (lld's --symbol-ordering-file) places the sections
// holding these symbols first, in this order, within each output section; code, constants, data and
// zero-filled data each end up contiguous, so a start faults in a few runs of pages instead of pages spread
// over a 16 MB image (BENCHMARKS.md, start-up).

import Foundation

struct Symbol {
    let start: UInt64
    let end: UInt64
    let name: String
}

func readLines(_ path: String) -> [Substring] {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        FileHandle.standardError.write(Data("startup-order: cannot read \(path)\n".utf8))
        exit(1)
    }
    return text.split(separator: "\n")
}

let arguments = CommandLine.arguments.dropFirst()
guard arguments.count >= 2, let symbolFile = arguments.first else {
    FileHandle.standardError.write(Data("usage: swift scripts/startup-order.swift SYMBOLS TRACE...\n".utf8))
    exit(2)
}

// nm lines: "address size type name", or "address type name" for a symbol without a size.
var symbols: [Symbol] = []
for line in readLines(symbolFile) {
    let fields = line.split(separator: " ", omittingEmptySubsequences: true)
    guard fields.count >= 3, let start = UInt64(fields[0], radix: 16) else { continue }
    let size = fields.count >= 4 ? UInt64(fields[1], radix: 16) ?? 0 : 0
    symbols.append(Symbol(start: start, end: start + max(size, 1), name: String(fields[fields.count - 1])))
}
symbols.sort { $0.start < $1.start || ($0.start == $1.start && $0.end > $1.end) }

/// The innermost symbol holding `address`: the last one starting at or before it that still covers it.
func symbol(containing address: UInt64) -> String? {
    var low = 0, high = symbols.count
    while low < high {
        let middle = (low + high) / 2
        if symbols[middle].start <= address { low = middle + 1 } else { high = middle }
    }
    var i = low - 1
    // Symbols nest rarely and briefly; look back a little for one that covers the address.
    while i >= 0, i >= low - 8 {
        if symbols[i].start <= address, address < symbols[i].end { return symbols[i].name }
        i -= 1
    }
    return nil
}

var seen: Set<String> = []
var order: [String] = []
for trace in arguments.dropFirst() {
    for line in readLines(trace) {
        guard let address = UInt64(line, radix: 16), let name = symbol(containing: address) else { continue }
        if seen.insert(name).inserted { order.append(name) }
    }
}
for descriptor in symbols where descriptor.name.hasPrefix("$s") && descriptor.name.hasSuffix("Mc") {
    if seen.insert(descriptor.name).inserted { order.append(descriptor.name) }
}
print(order.joined(separator: "\n"))
