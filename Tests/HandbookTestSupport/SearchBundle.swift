import Foundation
import HandbookSearch

/// What a search bundle holds, whatever its numbering, shards and weights: each term's documents, each
/// document's fragment, kind, owner and policy, all by URL, and the document count. The preview server's
/// index numbers a page added after the others and leaves a removed page's number empty, and it keeps
/// BM25's averages and its shards' ranges from its start; a clean build numbers the pages by URL. Reading
/// a bundle checks it on the way: an empty number has no fragment, kind `-`, no owner or policy and no
/// posting, and the count is the documents held.
public struct SearchBundle: Equatable, Sendable {
    public var terms: [String: Set<String>] = [:]
    public var fragments: [String: String] = [:]
    public var kinds: [String: Character] = [:]
    public var owners: [String: String] = [:]
    public var policies: [String: String] = [:]
    public var documents = 0

    public struct Malformed: Error, CustomStringConvertible {
        public var description: String
    }

    public init(_ files: [String: [UInt8]], folder: String) throws {
        func bytes(_ path: String) throws -> [UInt8] {
            guard let raw = files[folder + path] else { throw Malformed(description: "\(folder + path) is missing") }
            guard raw.starts(with: [0x1f, 0x8b]) else { return raw }
            guard let inflated = Gzip.decompress(raw) else { throw Malformed(description: "\(folder + path) is not gzip") }
            return inflated
        }
        func json(_ path: String) throws -> [String: Any] {
            guard let object = try JSONSerialization.jsonObject(with: Data(try bytes(path))) as? [String: Any] else {
                throw Malformed(description: "\(folder + path) is not a JSON object")
            }
            return object
        }
        let manifest = try json(try json("index.json")["manifest"] as? String ?? "")
        let kinds = Array(manifest["kinds"] as? String ?? "")
        let fragmentFolder = manifest["fragments"] as? String ?? ""
        let filters = try json(manifest["filters"] as? String ?? "")
        func names(_ plural: String, _ name: String) -> (list: [[String]], of: [Int]) {
            (filters[plural] as? [[String]] ?? [], filters[name] as? [Int] ?? [])
        }
        let owners = names("owners", "owner"), policies = names("policies", "policy")
        guard owners.of.count == kinds.count, policies.of.count == kinds.count else {
            throw Malformed(description: "\(folder): \(kinds.count) kinds, \(owners.of.count) owners, \(policies.of.count) policies")
        }
        var urls: [Int: String] = [:]
        for number in kinds.indices {
            guard files[folder + fragmentFolder + "\(number).json"] != nil else {
                guard kinds[number] == "-", owners.of[number] == -1, policies.of[number] == -1 else {
                    throw Malformed(description: "\(folder): number \(number) has no fragment but a kind or filters")
                }
                continue
            }
            let fragment = try json(fragmentFolder + "\(number).json")
            guard let url = fragment["url"] as? String, kinds[number] != "-", fragments[url] == nil else {
                throw Malformed(description: "\(folder): fragment \(number) has no URL, the empty kind or a URL seen before")
            }
            urls[number] = url
            fragments[url] = String(decoding: try bytes(fragmentFolder + "\(number).json"), as: UTF8.self)
            self.kinds[url] = kinds[number]
            func name(_ table: (list: [[String]], of: [Int])) -> String? {
                let position = table.of[number]
                return table.list.indices.contains(position) ? table.list[position].joined(separator: "|") : nil
            }
            self.owners[url] = name(owners)
            self.policies[url] = name(policies)
        }
        documents = manifest["documents"] as? Int ?? -1
        guard documents == urls.count else {
            throw Malformed(description: "\(folder): the manifest counts \(documents) documents, \(urls.count) fragments are there")
        }
        for shard in manifest["shards"] as? [[String]] ?? [] {
            for (term, list) in try json(shard[1]) {
                let numbers = list as? [Int] ?? []
                var number = 0
                for pair in stride(from: 0, to: numbers.count, by: 2) {
                    number += numbers[pair]
                    guard let url = urls[number] else { throw Malformed(description: "\(folder): «\(term)» names number \(number), which has no document") }
                    terms[term, default: []].insert(url)
                }
            }
        }
    }
}
