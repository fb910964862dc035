/// A set of Characters answered from a table for the one-byte ASCII characters that make up most
/// of a template, and by the `Set` for the others: the same answers as `Set<Character>.contains`
/// (the table is filled by asking the set, so a member canonically equal to an ASCII character,
/// such as the Kelvin sign to `K`, counts), without hashing every character of the text.
struct CharacterSet128 {
    let members: Set<Character>
    private let ascii: [Bool]

    init(_ members: Set<Character>) {
        self.members = members
        ascii = (0..<128).map { members.contains(Character(Unicode.Scalar(UInt8($0)))) }
    }

    func contains(_ character: Character) -> Bool {
        // "\r\n" has an ASCII value too, but two bytes: it is asked of the set.
        if let value = character.asciiValue, character.utf8.count == 1 { return ascii[Int(value)] }
        return members.contains(character)
    }
}
