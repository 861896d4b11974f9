/// Whether a CHECK expression refers to `column`: a dropped column takes its CHECKs with it (SQLite refuses
/// a CHECK on a column that no longer exists, PostgreSQL drops it with the column). Identifiers are compared
/// outside string literals, unquoted, so `visibility IN ('public')` mentions `visibility` but not `public`.
func checkExpression(_ expression: String, mentions column: String) -> Bool {
    var word = ""
    var inLiteral = false
    for character in expression + " " {
        if inLiteral {
            if character == "'" { inLiteral = false }
            continue
        }
        if character.isLetter || character.isNumber || character == "_" {
            word.append(character)
            continue
        }
        if word == column { return true }
        word = ""
        if character == "'" { inLiteral = true }
    }
    return false
}
