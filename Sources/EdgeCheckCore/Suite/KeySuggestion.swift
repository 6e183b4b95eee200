/// "did you mean" for misspelt keys.
public enum KeySuggestion {
    /// The valid key nearest to `key` by edit distance, when it is near enough to be a typo.
    public static func nearest(to key: String, in valid: [String]) -> String? {
        fatalError("KeySuggestion.nearest: implemented by the suite work")
    }

    /// `unknown key 'lookup'; did you mean 'lookups'?` (or the list of valid keys).
    public static func unknownKeyMessage(_ key: String, valid: [String]) -> String {
        fatalError("KeySuggestion.unknownKeyMessage: implemented by the suite work")
    }
}
